package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"sync"

	"github.com/alliancebot/alliancebot/retrieval"
)

// batchAhead is how many questions, per worker, reading may run ahead of
// writing: enough to keep every worker busy while the answer the output
// waits for is still being made, and few enough that standard input of any
// size is held in bounded memory.
const batchAhead = 4

// batchQuestion is one line of a batch on its way through: the question,
// and where its worker leaves the encoded answer.
type batchQuestion struct {
	text   string
	answer chan encodedAnswer // buffered: a worker never waits for the writer
}

// encodedAnswer is an answer as one JSON line, or why it could not be
// encoded.
type encodedAnswer struct {
	line []byte
	err  error
}

// answerBatch answers each line of stdin as a question and writes the
// answers to stdout as JSON lines, in the order of the questions, as
// writeJSON would one by one. workers questions are answered at once;
// reading stays at most batchAhead lines a worker ahead of writing, and
// output is flushed whenever the next answer is not ready yet, so a caller
// that writes one question and waits gets its answer. It returns the error
// that stopped reading, or writing, if any.
func answerBatch(ctx context.Context, answer func(context.Context, string) retrieval.Answer, stdin io.Reader, stdout io.Writer, workers int) (readErr, writeErr error) {
	workers = max(workers, 1)
	// inOrder carries every question to the writer in input order; its
	// capacity bounds how far reading runs ahead.
	inOrder := make(chan batchQuestion, batchAhead*workers)
	toAnswer := make(chan batchQuestion)
	stop := make(chan struct{}) // closed when writing fails
	var linesErr error          // the reader's; read once inOrder is closed
	go func() {
		defer close(inOrder)
		defer close(toAnswer)
		linesErr = readLines(stdin, maxLineBytes, func(line string) bool {
			q := batchQuestion{text: line, answer: make(chan encodedAnswer, 1)}
			select {
			case inOrder <- q:
			case <-stop:
				return false
			}
			toAnswer <- q
			return true
		})
	}()
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for q := range toAnswer {
				q.answer <- encodeAnswer(answer(ctx, q.text))
			}
		})
	}
	out := bufio.NewWriter(stdout)
	for {
		var q batchQuestion
		var ok bool
		select {
		case q, ok = <-inOrder:
		default:
			if writeErr = out.Flush(); writeErr != nil {
				break
			}
			q, ok = <-inOrder
		}
		if writeErr != nil || !ok {
			break
		}
		var a encodedAnswer
		select {
		case a = <-q.answer:
		default:
			if writeErr = out.Flush(); writeErr != nil {
				break
			}
			a = <-q.answer
		}
		if writeErr == nil {
			writeErr = a.err
		}
		if writeErr == nil {
			_, writeErr = out.Write(a.line)
		}
		if writeErr != nil {
			break
		}
	}
	if writeErr == nil {
		writeErr = out.Flush()
	}
	if writeErr != nil {
		// The reader stops at its next line; the workers finish what it
		// handed them. A reader blocked on standard input stays blocked
		// until the process ends.
		close(stop)
		return nil, writeErr
	}
	wg.Wait()
	return linesErr, nil
}

// encodeAnswer is a as the one JSON line writeJSON writes.
func encodeAnswer(a retrieval.Answer) encodedAnswer {
	var b bytes.Buffer
	if err := json.NewEncoder(&b).Encode(a); err != nil {
		return encodedAnswer{err: fmt.Errorf("encode answer: %w", err)}
	}
	return encodedAnswer{line: b.Bytes()}
}
