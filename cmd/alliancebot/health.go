package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"time"
)

// healthTimeout bounds "alliancebot health": a container health check must
// answer within its own timeout.
const healthTimeout = 3 * time.Second

// runHealth is "alliancebot health": it asks the running bot's /healthz, on
// loopback at the port of LISTEN_ADDR (or -addr), and exits 0 when it
// answers 200 and 1 otherwise. It is the container's HEALTHCHECK: the
// scratch image has no shell, curl or wget, but it has this binary.
func runHealth(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	flags := flag.NewFlagSet("health", flag.ContinueOnError)
	flags.SetOutput(stderr)
	addr := flags.String("addr", "", "host:port of the bot's HTTP server (default: loopback at the port of "+envListenAddr+", "+defaultListenAddr+")")
	if err := flags.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	target := *addr
	if target == "" {
		target = loopbackAddr(getenv(envListenAddr))
	}
	url := "http://" + target + "/healthz"
	ctx, cancel := context.WithTimeout(ctx, healthTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		fmt.Fprintf(stderr, "alliancebot health: %v\n", err)
		return exitUsage
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		fmt.Fprintf(stderr, "alliancebot health: %s: %v\n", url, err)
		return exitFailed
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		fmt.Fprintf(stderr, "alliancebot health: %s answered %s\n", url, resp.Status)
		return exitFailed
	}
	fmt.Fprintf(stdout, "ok: %s\n", url)
	return exitOK
}

// loopbackAddr is where a process on the same host reaches a server
// listening on listen (LISTEN_ADDR): the same port on 127.0.0.1 when it
// listens on every interface, else the address itself.
func loopbackAddr(listen string) string {
	listen = strings.TrimSpace(listen)
	if listen == "" {
		listen = defaultListenAddr
	}
	host, port, err := net.SplitHostPort(listen)
	if err != nil {
		return listen
	}
	switch host {
	case "", "0.0.0.0", "::":
		host = "127.0.0.1"
	}
	return net.JoinHostPort(host, port)
}
