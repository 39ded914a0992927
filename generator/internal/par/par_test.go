package par

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"
)

func TestEach(t *testing.T) {
	var sum atomic.Int64
	if err := Each(context.Background(), 1000, func(i int) error { sum.Add(int64(i)); return nil }); err != nil || sum.Load() != 499500 {
		t.Fatalf("sum %d, err %v", sum.Load(), err)
	}
	boom := errors.New("boom")
	var ran atomic.Int64
	err := Each(context.Background(), 1000, func(i int) error {
		ran.Add(1)
		if i == 10 {
			return boom
		}
		return nil
	})
	if !errors.Is(err, boom) || ran.Load() == 1000 {
		t.Errorf("err %v after %d steps", err, ran.Load())
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := Each(ctx, 10, func(int) error { return nil }); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
	if err := Each(context.Background(), 0, func(int) error { return boom }); err != nil {
		t.Errorf("no work: %v", err)
	}
}
