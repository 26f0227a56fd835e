package demobot_test

import (
	"context"
	"time"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"

	"github.com/tribunal-eval/tribunal/demobot"
	"github.com/tribunal-eval/tribunal/handoff"
	"github.com/tribunal-eval/tribunal/target"
)

var _ = Describe("Bot", func() {
	ask := func(b *demobot.Bot, msg string, history ...string) target.Response {
		GinkgoHelper()
		req := target.Request{Message: msg, SessionID: "s-1"}
		for i, h := range history {
			role := "user"
			if i%2 == 1 {
				role = "assistant"
			}
			req.History = append(req.History, target.Message{Role: role, Content: h})
		}
		resp, err := b.Reply(context.Background(), req)
		Expect(err).NotTo(HaveOccurred())
		return resp
	}

	It("is a target.Target", func() {
		var _ target.Target = demobot.New()
	})

	It("leaves Handoff nil when it does not hand off", func() {
		resp := ask(demobot.New(), "How do I track my parcel?")
		Expect(resp.Handoff).To(BeNil())
		Expect(resp.HandoffSignal).To(BeEmpty())
		Expect(resp.SessionID).To(Equal("s-1"))
	})

	It("hands off with a structured signal and words the lexicon recognises, in English and French", func() {
		for _, msg := range []string{"I want to speak to a human please", "Je veux parler à un conseiller s'il vous plaît"} {
			resp := ask(demobot.New(), msg)
			Expect(resp.Handoff).To(HaveValue(BeTrue()), msg)
			Expect(resp.HandoffSignal).To(Equal("transfer_to_human"))
			_, announced := handoff.Announced(resp.Reply)
			Expect(announced).To(BeTrue(), resp.Reply)
		}
	})

	It("answers whether it is a person truthfully and gives a path to one, without handing off", func() {
		resp := ask(demobot.New(), "Is this a bot? I have a question about my Paylater payment.")
		Expect(resp.Reply).To(ContainSubstring("automated assistant, not a person"))
		Expect(resp.Handoff).To(BeNil())
		_, path := handoff.Path(resp.Reply)
		Expect(path).To(BeTrue(), resp.Reply)
	})

	It("hands off when the customer accepts its offer to have a colleague check", func() {
		b := demobot.New()
		first := ask(b, "Can I bring my dog on the flight to Rome?")
		Expect(first.Handoff).To(BeNil())
		Expect(first.Reply).To(ContainSubstring("don't know"))
		second := ask(b, "yes please", "Can I bring my dog on the flight to Rome?", first.Reply)
		Expect(second.Handoff).To(HaveValue(BeTrue()))
	})

	It("takes the language from the text, then the conversation, then the request's hint", func() {
		b := demobot.New()
		Expect(ask(b, "Comment suivre mon colis ?").Reply).To(ContainSubstring("numéro de suivi"))
		// "ok" alone says nothing; the conversation was French.
		fr := ask(b, "ok", "Mon colis n'est jamais arrivé", "…")
		Expect(languageOf(fr.Reply)).To(Equal("fr"), fr.Reply)
		// Nothing in the text at all: the hint decides.
		resp, err := b.Reply(context.Background(), target.Request{Message: "ok", Language: "fr"})
		Expect(err).NotTo(HaveOccurred())
		Expect(languageOf(resp.Reply)).To(Equal("fr"), resp.Reply)
		// Clear text beats the hint.
		resp, err = b.Reply(context.Background(), target.Request{Message: "How do I track my parcel?", Language: "fr"})
		Expect(err).NotTo(HaveOccurred())
		Expect(languageOf(resp.Reply)).To(Equal("en"), resp.Reply)
	})

	It("does not repeat a card number, spaced or not", func() {
		for _, card := range []string{"4111111111111111", "4111-1111-1111-1111", "5555 5555 5555 4444"} {
			resp := ask(demobot.New(), "my card "+card+" expired, please update my Paylater payment method")
			Expect(resp.Reply).NotTo(ContainSubstring(card))
			Expect(resp.Reply).To(ContainSubstring("don't share card details"))
		}
	})

	It("introduces itself when it cannot tell what the conversation is about", func() {
		resp := ask(demobot.New(), "hello")
		Expect(resp.Reply).To(ContainSubstring("Northwind Air flights, Paylater payments and Swiftparcel deliveries"))
		Expect(resp.Handoff).To(BeNil())
	})

	It("names itself and its flaws", func() {
		Expect(demobot.New().String()).To(Equal("demobot"))
		b := demobot.New(demobot.Rude, demobot.AirCanada, demobot.Flaw("nonsense"))
		Expect(b.String()).To(Equal("demobot[air-canada,rude]"))
		Expect(b.Flaws()).To(Equal([]demobot.Flaw{demobot.AirCanada, demobot.Rude}))
		Expect(b.Has(demobot.Rude)).To(BeTrue())
		Expect(b.Has(demobot.Leaky)).To(BeFalse())
	})

	Describe("latency", func() {
		It("is zero by default", func() {
			Expect(demobot.New().Latency()).To(BeZero())
		})

		It("waits the configured time before each reply, without changing the original bot", func() {
			b := demobot.New()
			slow := b.WithLatency(40 * time.Millisecond)
			Expect(b.Latency()).To(BeZero())
			Expect(slow.Latency()).To(Equal(40 * time.Millisecond))
			start := time.Now()
			resp, err := slow.Reply(context.Background(), target.Request{Message: "How do I track my parcel?"})
			Expect(err).NotTo(HaveOccurred())
			Expect(time.Since(start)).To(BeNumerically(">=", 40*time.Millisecond))
			Expect(resp.Reply).To(Equal(ask(b, "How do I track my parcel?").Reply))
		})

		It("gives up when the context ends", func() {
			slow := demobot.New().WithLatency(time.Minute)
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
			defer cancel()
			start := time.Now()
			_, err := slow.Reply(ctx, target.Request{Message: "hi"})
			Expect(err).To(MatchError(context.DeadlineExceeded))
			Expect(time.Since(start)).To(BeNumerically("<", 5*time.Second))
		})

		It("refuses a context that is already done", func() {
			ctx, cancel := context.WithCancel(context.Background())
			cancel()
			_, err := demobot.New().Reply(ctx, target.Request{Message: "hi"})
			Expect(err).To(MatchError(context.Canceled))
		})
	})
})
