package measure

import (
	"bufio"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"strings"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
)

var _ = Describe("the memoized bot's HTTP/1.1 server", func() {
	const chatBody = `{"model":"m","messages":[{"role":"user","content":"Hi, my bag did not arrive."}]}`
	var bot *Bot

	BeforeEach(func() {
		var err error
		bot, err = StartBot(0, true)
		Expect(err).NotTo(HaveOccurred())
		DeferCleanup(bot.Close)
		Expect(bot.Warm([][]string{{"Hi, my bag did not arrive."}})).To(Succeed())
	})

	dial := func() (net.Conn, *bufio.Reader) {
		c, err := net.Dial("tcp", strings.TrimPrefix(bot.URL, "http://"))
		Expect(err).NotTo(HaveOccurred())
		DeferCleanup(c.Close)
		Expect(c.SetDeadline(time.Now().Add(10 * time.Second))).To(Succeed())
		return c, bufio.NewReader(c)
	}
	post := func(extra, body string) string {
		return "POST /v1/chat/completions HTTP/1.1\r\nHost: bot\r\nContent-Type: application/json\r\n" + extra +
			"Content-Length: " + itoa(len(body)) + "\r\n\r\n" + body
	}
	read := func(r *bufio.Reader) (*http.Response, string) {
		resp, err := http.ReadResponse(r, nil)
		Expect(err).NotTo(HaveOccurred())
		data, err := io.ReadAll(resp.Body)
		Expect(err).NotTo(HaveOccurred())
		return resp, string(data)
	}
	isClosed := func(r *bufio.Reader) bool {
		_, err := r.ReadByte()
		return err == io.EOF
	}

	It("answers requests one after another, and pipelined, on one kept-alive connection", func() {
		c, r := dial()
		_, err := io.WriteString(c, post("", chatBody))
		Expect(err).NotTo(HaveOccurred())
		resp, body := read(r)
		Expect(resp.StatusCode).To(Equal(200))
		Expect(resp.Header.Get("Content-Type")).To(Equal("application/json"))
		Expect(json.Valid([]byte(body))).To(BeTrue())
		first := body

		_, err = io.WriteString(c, post("", chatBody)+post("", chatBody))
		Expect(err).NotTo(HaveOccurred())
		for range 2 {
			resp, body = read(r)
			Expect(resp.StatusCode).To(Equal(200))
			Expect(body).To(Equal(first))
		}
		Expect(bot.Stats().Requests).To(BeEquivalentTo(3))
	})

	It("reads a chunked body, and answers Expect: 100-continue", func() {
		c, r := dial()
		half := len(chatBody) / 2
		_, err := io.WriteString(c, "POST /v1/chat/completions HTTP/1.1\r\nHost: bot\r\nTransfer-Encoding: chunked\r\nExpect: 100-continue\r\n\r\n")
		Expect(err).NotTo(HaveOccurred())
		line, err := r.ReadString('\n')
		Expect(err).NotTo(HaveOccurred())
		Expect(line).To(Equal("HTTP/1.1 100 Continue\r\n"))
		line, _ = r.ReadString('\n')
		Expect(line).To(Equal("\r\n"))
		_, err = io.WriteString(c, strings.ToUpper(hex(half))+";ext=1\r\n"+chatBody[:half]+"\r\n"+hex(len(chatBody)-half)+"\r\n"+chatBody[half:]+"\r\n0\r\nX-Trailer: t\r\n\r\n")
		Expect(err).NotTo(HaveOccurred())
		resp, body := read(r)
		Expect(resp.StatusCode).To(Equal(200))
		Expect(body).To(ContainSubstring(`"choices"`))
	})

	It("closes the connection after a reply when asked to, or for HTTP/1.0", func() {
		c, r := dial()
		_, err := io.WriteString(c, post("Connection: close\r\n", chatBody))
		Expect(err).NotTo(HaveOccurred())
		resp, _ := read(r)
		Expect(resp.StatusCode).To(Equal(200))
		Expect(isClosed(r)).To(BeTrue())

		c, r = dial()
		_, err = io.WriteString(c, strings.Replace(post("", chatBody), "HTTP/1.1", "HTTP/1.0", 1))
		Expect(err).NotTo(HaveOccurred())
		resp, _ = read(r)
		Expect(resp.StatusCode).To(Equal(200))
		Expect(isClosed(r)).To(BeTrue())
	})

	It("refuses what it does not serve with a status, keeping the connection when it read the request whole", func() {
		c, r := dial()
		_, err := io.WriteString(c, "GET /v1/models HTTP/1.1\r\nHost: bot\r\n\r\n"+
			"GET /v1/chat/completions HTTP/1.1\r\nHost: bot\r\n\r\n"+
			post("", `{"messages":[`))
		Expect(err).NotTo(HaveOccurred())
		for _, code := range []int{404, 405, 400} {
			resp, _ := read(r)
			Expect(resp.StatusCode).To(Equal(code))
		}
		_, err = io.WriteString(c, post("", chatBody))
		Expect(err).NotTo(HaveOccurred())
		resp, _ := read(r)
		Expect(resp.StatusCode).To(Equal(200))

		for _, bad := range []string{"NONSENSE\r\n\r\n", "POST /v1/chat/completions HTTP/1.1\r\nContent-Length: 2000000\r\n\r\n"} {
			c, r := dial()
			_, err := io.WriteString(c, bad)
			Expect(err).NotTo(HaveOccurred())
			resp, _ := read(r)
			Expect(resp.StatusCode).To(BeNumerically(">=", 400))
			Expect(isClosed(r)).To(BeTrue())
		}
	})

	It("holds every reply for its latency, however many wait at once", func() {
		const latency = 30 * time.Millisecond
		slow, err := StartBot(latency, true)
		Expect(err).NotTo(HaveOccurred())
		DeferCleanup(slow.Close)
		Expect(slow.Warm([][]string{{"Hi, my bag did not arrive."}})).To(Succeed())
		took := make(chan time.Duration, 40)
		for i := range 40 {
			go func() {
				time.Sleep(time.Duration(i) * time.Millisecond) // staggered, so deadlines interleave
				start := time.Now()
				resp, err := http.Post(slow.URL+"/v1/chat/completions", "application/json", strings.NewReader(chatBody))
				if err != nil {
					took <- -1
					return
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				took <- time.Since(start)
			}()
		}
		for range 40 {
			Expect(<-took).To(BeNumerically(">=", latency))
		}
		st := slow.Stats()
		Expect(st.Requests).To(BeEquivalentTo(40))
		Expect(st.MeanServing).To(BeNumerically(">=", latency))
		Expect(st.PeakInFlight).To(BeNumerically(">", 1))
	})

	It("serves net/http's client, and stops promptly with requests waiting", func() {
		slow, err := StartBot(time.Hour, true)
		Expect(err).NotTo(HaveOccurred())
		done := make(chan error, 1)
		go func() {
			resp, err := http.Post(slow.URL+"/v1/chat/completions", "application/json", strings.NewReader(chatBody))
			if err == nil {
				resp.Body.Close()
			}
			done <- err
		}()
		Eventually(func() int64 { return slow.inflight.Load() }).Should(BeEquivalentTo(1))
		start := time.Now()
		Expect(slow.Close()).To(Succeed())
		Expect(time.Since(start)).To(BeNumerically("<", 5*time.Second))
		Eventually(done).Should(Receive(HaveOccurred()), "the waiting request was cut off")

		resp, err := http.Post(bot.URL+"/v1/chat/completions", "application/json", strings.NewReader(chatBody))
		Expect(err).NotTo(HaveOccurred())
		defer resp.Body.Close()
		Expect(resp.StatusCode).To(Equal(200))
	})
})

func itoa(n int) string { return fmtInt(n, 10) }
func hex(n int) string  { return fmtInt(n, 16) }

func fmtInt(n, base int) string {
	const digits = "0123456789abcdef"
	if n == 0 {
		return "0"
	}
	var b []byte
	for ; n > 0; n /= base {
		b = append([]byte{digits[n%base]}, b...)
	}
	return string(b)
}
