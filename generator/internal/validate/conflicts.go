package validate

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/product-roles/handbook/generator/internal/conflict"
	"github.com/product-roles/handbook/generator/internal/diag"
)

// ConflictsIn adds an error for each conflict marker in data, a file shown
// as file.
func ConflictsIn(file string, data []byte, ds *diag.List) {
	for _, mk := range conflict.Markers(data) {
		ds.Add(file, mk.Line, 1, "conflict", mk.Message(), conflict.Hint)
	}
}

// ConflictsInFolder checks every text file below dir (an overlay's
// settings, templates and assets; content files are checked as they are
// loaded, see content.Loader) for conflict markers; files are shown
// relative to project. Bookkeeping below a dot folder is skipped.
func ConflictsInFolder(project, dir string, ds *diag.List) {
	_ = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			if p != dir && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() || !textFile(d.Name()) {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return nil
		}
		shown, _ := filepath.Rel(project, p)
		ConflictsIn(filepath.ToSlash(shown), data, ds)
		return nil
	})
}

// textFile reports whether a file name is one a merge could leave markers
// in (Markdown is read through the content model instead).
func textFile(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".toml", ".html", ".css", ".js", ".json", ".svg", ".txt", ".xml", ".yaml", ".yml":
		return true
	}
	return false
}
