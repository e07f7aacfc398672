// Package atomicfile writes a file so that a crash leaves the old file or
// the new one, never half of one.
package atomicfile

import (
	"bufio"
	"os"
	"path/filepath"
)

// Write creates path's folder if need be, has fill write the new contents
// into a temporary file beside path (named path's base + ".tmp-*"), syncs
// it, renames it over path, and syncs the folder so that the rename itself
// lasts. On any error the temporary file is removed and path is unchanged.
func Write(path string, fill func(w *bufio.Writer) error) (err error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	bw := bufio.NewWriterSize(f, 1<<16)
	if err := fill(bw); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return err
	}
	// Make the rename itself durable; not every system can sync a folder.
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}
