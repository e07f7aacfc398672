//go:build !linux

package retrieval

// adviseHugePages does nothing where there is no such advice.
func adviseHugePages([]float32) {}
