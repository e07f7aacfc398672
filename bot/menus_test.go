package bot

import (
	"strings"
	"time"
)

// waitLogCount waits up to waitLimit until the logs hold want lines
// containing substr, and returns how many they hold.
func (h *harness) waitLogCount(substr string, want int) int {
	deadline := time.Now().Add(waitLimit)
	for {
		got := strings.Count(h.logs.String(), substr)
		if got >= want || time.Now().After(deadline) {
			return got
		}
		time.Sleep(10 * time.Millisecond)
	}
}
