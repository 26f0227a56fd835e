package measure

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"strconv"
	"sync"
)

// The memoized bot speaks HTTP/1.1 itself rather than through net/http's
// server, whose per-request machinery (a goroutine reading in the
// background, header maps, formatted response headers, deadlines) cost
// several times the bot's own work and added goroutine hand-offs to every
// reply, on CPUs the tool under test needs. It serves what harnesses send
// to a chat completions endpoint: requests with a Content-Length or a
// chunked body, kept alive or closed, one goroutine per connection.

// memoServer serves a memo on a listener.
type memoServer struct {
	bot *Bot
	ln  net.Listener

	mu     sync.Mutex
	conns  map[net.Conn]struct{}
	closed bool
	done   chan struct{} // closed by close: requests stop waiting
	wg     sync.WaitGroup
	clock  *clock
}

func (s *memoServer) serve() {
	for {
		c, err := s.ln.Accept()
		if err != nil {
			return // closed
		}
		s.mu.Lock()
		if s.closed {
			s.mu.Unlock()
			_ = c.Close()
			return
		}
		s.conns[c] = struct{}{}
		s.wg.Add(1)
		s.mu.Unlock()
		go func() {
			defer s.wg.Done()
			s.serveConn(c)
			s.mu.Lock()
			delete(s.conns, c)
			s.mu.Unlock()
			_ = c.Close()
		}()
	}
}

// close stops accepting, drops every connection and waits for their
// goroutines.
func (s *memoServer) close() error {
	s.mu.Lock()
	if !s.closed {
		close(s.done)
	}
	s.closed = true
	err := s.ln.Close()
	for c := range s.conns {
		_ = c.Close()
	}
	s.mu.Unlock()
	s.wg.Wait()
	return err
}

// httpRequest is what the bot reads of a request.
type httpRequest struct {
	post, chat bool // POST, to a path ending in /chat/completions
	close      bool // the client asked to close after the reply
	body       []byte
}

func (s *memoServer) serveConn(c net.Conn) {
	r := bufio.NewReaderSize(c, 16<<10)
	bufs := &memoBuffers{clock: s.clock, delay: newDelay()}
	for {
		req, err := readRequest(r, c, bufs.body[:0])
		if err != nil {
			var he *httpError
			if errors.As(err, &he) {
				_, _ = c.Write(plainResponse(he.status, he.msg))
			}
			return
		}
		bufs.body = req.body[:0]
		if !s.bot.answer(c, req, bufs) || req.close {
			return
		}
	}
}

// answer serves one request, counting it; false when the connection is
// done for.
func (b *Bot) answer(w io.Writer, req httpRequest, bufs *memoBuffers) bool {
	start := b.begin()
	reply := func(resp []byte) bool {
		b.end(start) // before the write, so a client that has its reply sees it counted
		_, err := w.Write(resp)
		return err == nil
	}
	if !req.post || !req.chat {
		if req.chat {
			return reply(plainResponse(405, "use POST for chat completions"))
		}
		return reply(plainResponse(404, "only POST .../chat/completions is served here"))
	}
	m := b.memo
	key, ok := scanConversation(req.body, bufs.key[:0])
	if !ok {
		var err error
		if key, err = decodeConversation(req.body, bufs.key[:0]); err != nil {
			return reply(plainResponse(400, err.Error()))
		}
	}
	bufs.key = key[:0]
	if m.latency > 0 && !bufs.clock.wait(bufs.delay, m.latency) {
		b.end(start) // the bot is closing
		return false
	}
	e := m.lookup(key)
	if e == nil {
		// A conversation Warm did not see: the demo bot answers it once.
		var err error
		if e, err = m.answer(splitKey(key)); err != nil {
			return reply(plainResponse(502, err.Error()))
		}
	}
	return reply(e.response)
}

// httpError is a request the bot refuses, with the status to say so.
type httpError struct {
	status int
	msg    string
}

func (e *httpError) Error() string { return fmt.Sprintf("HTTP %d: %s", e.status, e.msg) }

// readRequest reads one request, its body into buf. An *httpError is a
// request to refuse; other errors end the connection (it closed).
func readRequest(r *bufio.Reader, w io.Writer, buf []byte) (httpRequest, error) {
	var req httpRequest
	line, err := readLine(r)
	if err != nil {
		return req, err
	}
	method, rest, ok1 := bytes.Cut(line, []byte(" "))
	target, proto, ok2 := bytes.Cut(rest, []byte(" "))
	if !ok1 || !ok2 || !bytes.HasPrefix(proto, []byte("HTTP/1.")) {
		return req, &httpError{400, "malformed request line"}
	}
	req.post = string(method) == "POST"
	if i := bytes.IndexByte(target, '?'); i >= 0 {
		target = target[:i]
	}
	req.chat = bytes.HasSuffix(target, []byte("/chat/completions"))
	http10 := string(proto) == "HTTP/1.0"
	req.close = http10

	length, chunked, expect := int64(-1), false, false
	for {
		h, err := readLine(r)
		if err != nil {
			return req, err
		}
		if len(h) == 0 {
			break
		}
		name, value, ok := bytes.Cut(h, []byte(":"))
		if !ok {
			return req, &httpError{400, "malformed header"}
		}
		value = bytes.TrimSpace(value)
		switch {
		case bytes.EqualFold(name, []byte("Content-Length")):
			n, err := strconv.ParseInt(string(value), 10, 64)
			if err != nil || n < 0 {
				return req, &httpError{400, "bad Content-Length"}
			}
			length = n
		case bytes.EqualFold(name, []byte("Transfer-Encoding")):
			chunked = bytes.Contains(bytes.ToLower(value), []byte("chunked"))
		case bytes.EqualFold(name, []byte("Connection")):
			v := bytes.ToLower(value)
			if bytes.Contains(v, []byte("close")) {
				req.close = true
			} else if http10 && bytes.Contains(v, []byte("keep-alive")) {
				req.close = false
			}
		case bytes.EqualFold(name, []byte("Expect")):
			expect = bytes.EqualFold(value, []byte("100-continue"))
		}
	}
	if expect {
		if _, err := io.WriteString(w, "HTTP/1.1 100 Continue\r\n\r\n"); err != nil {
			return req, err
		}
	}
	switch {
	case chunked:
		req.body, err = readChunked(r, buf)
	case length > maxRequest:
		return req, &httpError{413, fmt.Sprintf("request body is larger than %d bytes", maxRequest)}
	case length > 0:
		if int64(cap(buf)) < length {
			buf = make([]byte, 0, length)
		}
		req.body = buf[:length]
		_, err = io.ReadFull(r, req.body)
	default:
		req.body = buf[:0]
	}
	return req, err
}

// readChunked reads a chunked body into buf, trailers skipped.
func readChunked(r *bufio.Reader, buf []byte) ([]byte, error) {
	for {
		line, err := readLine(r)
		if err != nil {
			return buf, err
		}
		size, _, _ := bytes.Cut(line, []byte(";")) // chunk extensions
		n, err := strconv.ParseInt(string(bytes.TrimSpace(size)), 16, 64)
		if err != nil || n < 0 {
			return buf, &httpError{400, "bad chunk size"}
		}
		if n == 0 {
			for { // trailers, up to the blank line
				t, err := readLine(r)
				if err != nil || len(t) == 0 {
					return buf, err
				}
			}
		}
		if int64(len(buf))+n > maxRequest {
			return buf, &httpError{413, fmt.Sprintf("request body is larger than %d bytes", maxRequest)}
		}
		start := len(buf)
		buf = append(buf, make([]byte, n)...)
		if _, err := io.ReadFull(r, buf[start:]); err != nil {
			return buf, err
		}
		if crlf, err := readLine(r); err != nil || len(crlf) != 0 {
			if err == nil {
				err = &httpError{400, "chunk not followed by CRLF"}
			}
			return buf, err
		}
	}
}

// readLine reads a line without its CRLF (or LF). The line is only valid
// until the next read.
func readLine(r *bufio.Reader) ([]byte, error) {
	line, err := r.ReadSlice('\n')
	if err == bufio.ErrBufferFull {
		return nil, &httpError{431, "request line or header too long"}
	}
	if err != nil {
		return nil, err
	}
	line = line[:len(line)-1]
	if n := len(line); n > 0 && line[n-1] == '\r' {
		line = line[:n-1]
	}
	return line, nil
}

// okResponse is a 200 with a JSON body, head and body in one buffer so a
// reply is one write.
func okResponse(body []byte) []byte {
	head := "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + strconv.Itoa(len(body)) + "\r\n\r\n"
	return append([]byte(head), body...)
}

func plainResponse(status int, msg string) []byte {
	reason := map[int]string{400: "Bad Request", 404: "Not Found", 405: "Method Not Allowed", 413: "Request Entity Too Large",
		431: "Request Header Fields Too Large", 502: "Bad Gateway"}[status]
	msg += "\n"
	return []byte(fmt.Sprintf("HTTP/1.1 %d %s\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: %d\r\n\r\n%s", status, reason, len(msg), msg))
}
