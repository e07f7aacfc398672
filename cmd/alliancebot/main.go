// Command alliancebot answers questions about the Collective Security Treaty
// Organization from news articles, on the command line or as a Telegram bot.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

const usage = `alliancebot answers questions about the CSTO from news articles, with citations.

Usage:
  alliancebot ask [--json] [--corpus DIR] QUESTION   answer one question
  alliancebot ask --json [--corpus DIR] -            answer one question per line of standard input
  alliancebot eval [--corpus DIR] FILE.jsonl         score a question file (hit@1, hit@3, refusals)
  alliancebot add [--corpus DIR] URL|FILE            add an article from a link or a .txt, .md or .html file
  alliancebot bot [-debug]                           run the Telegram bot (needs TELEGRAM_BOT_TOKEN)
  alliancebot health [-addr HOST:PORT]               exit 0 when the running bot's /healthz answers
  alliancebot version                                print the version, commit and build date

Without --corpus (or CORPUS_DIR) the built-in articles are used. Settings
come from the environment and from .env in the working directory; the
environment wins. EMBEDDER
(local, ollama or openai) chooses how passages are embedded, DATA_DIR where
the index is kept between runs; README.md lists every setting.
`

func main() {
	dotenv, err := loadDotenv(".env")
	if err != nil {
		fmt.Fprintf(os.Stderr, "alliancebot: %v\n", err)
		os.Exit(exitUsage)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		// After the first signal, restore the default handling so that a
		// second Ctrl+C ends a command that does not stop by itself.
		<-ctx.Done()
		stop()
	}()
	code := run(ctx, os.Args[1:], withDotenv(os.Getenv, dotenv), os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// Exit codes: 0 for answered and not-found alike, 2 for usage and
// configuration errors, 1 for anything else that stops the command.
const (
	exitOK     = 0
	exitFailed = 1
	exitUsage  = 2
)

// run is main without the process: arguments, environment and streams come
// in, an exit code goes out.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	if mayUseTLS(args, getenv) {
		installFallbackRoots()
	}
	switch args[0] {
	case "ask":
		return runAsk(ctx, args[1:], getenv, stdin, stdout, stderr)
	case "eval":
		return runEval(ctx, args[1:], getenv, stdout, stderr)
	case "bot":
		return runBot(ctx, args[1:], getenv, stdout, stderr)
	case "add":
		return runAdd(ctx, args[1:], getenv, stdout, stderr)
	case "health":
		return runHealth(ctx, args[1:], getenv, stdout, stderr)
	case "version", "-version", "--version":
		return runVersion(stdout)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	fmt.Fprintf(stderr, "alliancebot: unknown command %q (want ask, eval, add, bot, health or version; see alliancebot help)\n", args[0])
	return exitUsage
}
