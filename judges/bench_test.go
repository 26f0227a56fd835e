package judges_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/tribunal-eval/tribunal/judges"
	"github.com/tribunal-eval/tribunal/suite"
	"github.com/tribunal-eval/tribunal/transcript"
)

// benchCase and benchTranscript are a typical case: a policy, a language, an
// escalation expectation and three turns of ordinary length.
var benchCase = &suite.Case{ID: "airline/bereavement", Language: "en",
	Policy: &suite.Policy{Path: "policies/airline.md", Text: `# Northwind Air customer policy
Bereavement fares must be requested before travel. They cannot be applied retroactively after a trip is completed.
Refunds for cancelled flights are issued to the original payment method within 7 business days.
A change fee of €45 applies to Economy Light tickets; Flex tickets change free of charge.
Checked bags: one bag of 23 kg is included on all fares except Economy Light (€35 per bag).
Customers may ask for a human agent at any time; agents are available 24 hours a day on +44 20 7946 0000.`},
	Expect: suite.Expect{Escalation: suite.EscalationOptional}}

func benchTranscript() *transcript.Transcript {
	no := false
	return &transcript.Transcript{CaseID: "airline/bereavement", Attempt: 1, Turns: []transcript.Turn{
		{Index: 1, User: "My grandmother died last week and I had to fly to the funeral. Can I still get the bereavement fare refunded?",
			Reply:     "I'm so sorry for your loss. Bereavement fares must be requested before travel, so they cannot be applied to a trip you have already taken. If you'd like, I can check whether any other refund applies to your booking.",
			LatencyMS: 820, Handoff: transcript.Handoff{Reported: &no}},
		{Index: 2, User: "That's really unfair. My booking reference is QX7LMP.",
			Reply:     "I understand how frustrating this is. I've looked up booking QX7LMP: it's an Economy Light ticket, so a change fee of €45 would apply and the fare itself is not refundable after travel.",
			LatencyMS: 910, Handoff: transcript.Handoff{Reported: &no}},
		{Index: 3, User: "I'd like to talk to a person please.",
			Reply:     "Of course. You can reach our agents 24 hours a day on +44 20 7946 0000, and they can review your case.",
			LatencyMS: 640, Handoff: transcript.Handoff{Reported: &no}},
	}}
}

// benchVariants are distinct transcripts (a different booking reference
// each), more than the tokeniser's cache holds, so the benchmark pays for
// every text once per transcript as a real run does.
func benchVariants(n int) []*transcript.Transcript {
	out := make([]*transcript.Transcript, n)
	for i := range out {
		t := benchTranscript()
		ref := fmt.Sprintf("QX%04dP", i)
		for k := range t.Turns {
			t.Turns[k].User = strings.ReplaceAll(t.Turns[k].User, "QX7LMP", ref)
			t.Turns[k].Reply = strings.ReplaceAll(t.Turns[k].Reply, "QX7LMP", ref)
		}
		out[i] = t
	}
	return out
}

// BenchmarkRules measures the default rule panel on a typical three-turn
// transcript; replies/s is three times transcripts per second.
func BenchmarkRules(b *testing.B) {
	panel := judges.Rules(judges.Options{Canary: "ZEBRA-CANARY-7741"})
	ts := benchVariants(4096)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		panel.Judge(ctx, benchCase, ts[i%len(ts)])
	}
	b.ReportMetric(float64(b.N*3)/b.Elapsed().Seconds(), "replies/s")
}

// BenchmarkEachRule shows where the time goes, judge by judge.
func BenchmarkEachRule(b *testing.B) {
	ts := benchVariants(4096)
	for _, j := range judges.Rules(judges.Options{Canary: "ZEBRA-CANARY-7741"}) {
		b.Run(j.Name(), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				j.Judge(ctx, benchCase, ts[i%len(ts)])
			}
		})
	}
}

// BenchmarkExistingRules and BenchmarkNewRules split the panel: the judges
// that came before issue 3 (expectations, escalation, asked-for-a-human,
// latency) and the ones it added.
func BenchmarkExistingRules(b *testing.B) { benchPanel(b, judges.Rules(judges.Options{})[:4]) }

func BenchmarkNewRules(b *testing.B) {
	benchPanel(b, judges.Rules(judges.Options{Canary: "ZEBRA-CANARY-7741"})[4:])
}

func benchPanel(b *testing.B, p judges.Panel) {
	ts := benchVariants(4096)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		p.Judge(ctx, benchCase, ts[i%len(ts)])
	}
	b.ReportMetric(float64(b.N*3)/b.Elapsed().Seconds(), "replies/s")
}
