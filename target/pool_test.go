package target_test

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/tribunal-eval/tribunal/suite"
	"github.com/tribunal-eval/tribunal/target"
)

var _ = Describe("connection reuse", func() {
	It("keeps a connection per concurrent caller alive between turns instead of dialling again", func() {
		var dials atomic.Int64
		srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			_, _ = w.Write([]byte(`{"choices":[{"message":{"role":"assistant","content":"Hello."}}]}`))
		}))
		srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
			if s == http.StateNew {
				dials.Add(1)
			}
		}
		srv.Start()
		defer srv.Close()

		for _, kind := range []string{"openai", "http"} {
			dials.Store(0)
			cfg := suite.TargetConfig{Kind: kind, URL: srv.URL + "/v1"}
			if kind == "http" {
				cfg.ReplyPath = "$.choices[0].message.content"
			}
			tgt, err := target.New(cfg, func(string) string { return "" })
			Expect(err).NotTo(HaveOccurred())
			const callers, turns = 64, 10
			var wg sync.WaitGroup
			for i := 0; i < callers; i++ {
				wg.Go(func() {
					defer GinkgoRecover()
					for t := 1; t <= turns; t++ {
						resp, err := tgt.Reply(context.Background(), target.Request{CaseID: "c", Attempt: 1, Turn: t, Message: "hi"})
						Expect(err).NotTo(HaveOccurred())
						Expect(resp.Reply).To(Equal("Hello."))
					}
				})
			}
			wg.Wait()
			// net/http's default keeps 2 idle connections per host: 64
			// callers would then dial again on most of their 640 turns.
			Expect(dials.Load()).To(BeNumerically("<=", 2*callers), kind)
		}
	})
})
