package pipeline

import (
	"path"

	"github.com/product-roles/handbook/generator/internal/cms"
	"github.com/product-roles/handbook/generator/internal/schema"
)

// addEditor adds /admin/, the content editor, after minifying: Decap's
// bundle is minified already. In a fork it edits the overlay's files only.
func addEditor(files map[string][]byte, c *Checked, local string) error {
	repo, err := cms.GitHubRepo(c.Config.RepoURL)
	if err != nil && local == "" {
		return err
	}
	dir := c.paths.sourceShown
	if c.paths.overlay != "" {
		dir = path.Join(c.paths.overlayShown, "content")
	}
	more, err := cms.Files(cms.Site{
		Project:  c.paths.project,
		Settings: cms.Settings{Content: dir, Repo: repo, Branch: c.Config.EditBranch, Local: local},
		Schemas:  schema.FS(),
		Entries:  cms.Entries(c.Model, c.paths.overlay != "", dir),
	})
	if err != nil {
		return err
	}
	for name, data := range more {
		files[name] = data
	}
	return nil
}
