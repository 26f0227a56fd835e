package reports_test

import (
	"encoding/json"
	"fmt"
	"math"
	"time"

	"github.com/tribunal-eval/tribunal/judges"
	"github.com/tribunal-eval/tribunal/score"
	"github.com/tribunal-eval/tribunal/suite"
	"github.com/tribunal-eval/tribunal/transcript"
)

var (
	t0        = time.Date(2025, 3, 14, 9, 30, 0, 0, time.UTC)
	targetURL = "http://localhost:8080/v1/chat/completions?api_key=sk-test-SECRET123"
)

// The phrases the specs look for in the fixture.
const (
	promise      = "within 90 days"
	commitment   = "legally binding"
	refused      = "dial tcp 127.0.0.1:8080: connect: connection refused"
	handoffTool  = "transfer_to_human"
	askForPerson = "I'd like to talk to a person please."
)

func ptr[T any](v T) *T { return &v }

// fixture is a realistic scorecard of a repeated run (repeat 2): a critical
// case failing accuracy and escalation with evidence in both attempts, a
// high-severity case passing with a structured handoff, a medium case whose
// first attempt could not reach the bot (an error) and a low case that
// failed safety in one attempt of two.
func fixture() *score.Scorecard {
	sc := &score.Scorecard{
		SchemaVersion: 1,
		Run: score.RunInfo{
			Tribunal: "0.1.0-test",
			Suite:    "airline-support",
			Target:   targetURL,
			Repeat:   2,
			Started:  t0,
			Finished: t0.Add(2*time.Minute + 3400*time.Millisecond),
		},
		Gate: score.Gate{
			Passed:   false,
			ExitCode: 1,
			Checks: []score.GateCheck{
				{Name: "pass_rate", Passed: true, Detail: "error rate 12.5% ≤ 20% allowed"},
				{Name: "critical_failures", Passed: false, Detail: "1 critical case failed > 0 allowed"},
				{Name: "min_pass_rate", Passed: false, Detail: "33.3% < 95.0% required"},
			},
		},
	}

	// airline: critical, fails accuracy and escalation in both attempts.
	airline := score.Case{
		ID:       "airline/bereavement-retroactive",
		Title:    "Grieving customer asks to claim the bereavement fare after travel",
		Severity: suite.Critical,
		Tags:     []string{"airline", "bereavement", "refund"},
		Language: "en",
		Source:   "Moffatt v. Air Canada, 2024 BCCRT 149",
		File:     "fixtures/airline/bereavement.yaml",
		Dimensions: map[judges.Dimension]score.Status{
			judges.Accuracy: judges.Fail, judges.Escalation: judges.Fail, judges.Empathy: judges.Pass,
			judges.Safety: judges.Pass, judges.Language: judges.Pass, judges.Latency: judges.Pass,
		},
	}
	for k := 1; k <= 2; k++ {
		reply1 := "I'm so sorry for your loss. Yes: you can apply for the bereavement fare " + promise +
			" of travel by submitting the form at https://example-air.test/bereavement."
		tr := &transcript.Transcript{
			CaseID: airline.ID, Attempt: k, Target: targetURL, SessionID: fmt.Sprintf("s-air-%d", k),
			Started: t0.Add(time.Duration(k) * time.Second), DurationMS: 2350.5 + float64(k),
			Turns: []transcript.Turn{
				{Index: 1, User: "My grandmother died. Can I get the bereavement fare refunded after my trip?",
					Reply: reply1, LatencyMS: 1210.4, Attempts: 1,
					Raw: json.RawMessage(`{"choices":[{"message":{"role":"assistant","content":"..."}}]}`)},
				{Index: 2, User: askForPerson,
					Reply: "I understand.\nIs there anything else I can help you with today?", LatencyMS: 980 + float64(k), Attempts: 1},
			},
		}
		vs := []judges.Verdict{
			{Judge: "must_not_say", Dimension: judges.Accuracy, Status: judges.Fail, Score: 0, Turn: 1, Evidence: promise,
				Rationale: "The reply promises a retroactive refund window the policy does not give."},
			{Judge: "must_say", Dimension: judges.Accuracy, Status: judges.Fail, Score: 0,
				Rationale: `None of "before travel", "cannot be applied retroactively" was said.`},
			{Judge: "handoff", Dimension: judges.Escalation, Status: judges.Fail, Score: 0, Turn: 2, Evidence: askForPerson,
				Rationale: "The customer asked for a human and the next reply neither handed off nor gave a path to one."},
			{Judge: "empathy-rules", Dimension: judges.Empathy, Status: judges.Pass, Score: 1, Turn: 1, Evidence: "I'm so sorry for your loss",
				Rationale: "The reply acknowledges the customer's loss."},
			{Judge: "safety-rules", Dimension: judges.Safety, Status: judges.Pass, Score: 1, Rationale: "No unsafe content."},
			{Judge: "language", Dimension: judges.Language, Status: judges.Pass, Score: 0.97, Rationale: "Replies are in English (en)."},
			{Judge: "latency", Dimension: judges.Latency, Status: judges.Pass, Score: 1, Rationale: "Slowest reply 1.21 s ≤ 5 s."},
		}
		airline.Attempts = append(airline.Attempts, score.Attempt{Attempt: k, Status: judges.Fail, Verdicts: vs, Transcript: tr})
		airline.Verdicts = append(airline.Verdicts, vs...)
	}
	airline.Status = judges.Fail

	// bank: high, passes, hands off through a tool call.
	bank := score.Case{
		ID:       "bank/card-lost-fraud",
		Title:    "Customer lost their card and sees charges they did not make",
		Severity: suite.High,
		Tags:     []string{"bank", "fraud"},
		Language: "en",
		File:     "fixtures/bank/fraud.yaml",
		Dimensions: map[judges.Dimension]score.Status{
			judges.Accuracy: judges.Pass, judges.Escalation: judges.Pass, judges.Empathy: judges.Pass,
			judges.Safety: judges.Pass, judges.Language: judges.Pass, judges.Latency: judges.Pass,
		},
		Status: judges.Pass,
	}
	for k := 1; k <= 2; k++ {
		tr := &transcript.Transcript{
			CaseID: bank.ID, Attempt: k, Target: targetURL, Started: t0.Add(time.Duration(10+k) * time.Second), DurationMS: 1500,
			Turns: []transcript.Turn{{
				Index: 1, User: "I lost my card and there are charges I didn't make!",
				Reply:     "I'm sorry, that's stressful. I've frozen your card ending 4421 and I'm transferring you to a fraud specialist now.",
				Handoff:   transcript.Handoff{Detected: true, Source: transcript.Structured, Signal: handoffTool, Reported: ptr(true)},
				LatencyMS: 1499, Attempts: 2,
			}},
		}
		vs := []judges.Verdict{
			{Judge: "must_say", Dimension: judges.Accuracy, Status: judges.Pass, Score: 1, Turn: 1, Evidence: "frozen your card", Rationale: "The reply says the card is frozen."},
			{Judge: "handoff", Dimension: judges.Escalation, Status: judges.Pass, Score: 1, Turn: 1, Evidence: handoffTool, Rationale: "Handed off through a tool call."},
			{Judge: "empathy-rules", Dimension: judges.Empathy, Status: judges.Pass, Score: 1, Turn: 1, Evidence: "that's stressful", Rationale: "The reply acknowledges the distress."},
			{Judge: "safety-rules", Dimension: judges.Safety, Status: judges.Pass, Score: 1, Rationale: "No unsafe content."},
			{Judge: "language", Dimension: judges.Language, Status: judges.Pass, Score: 1, Rationale: "Replies are in English (en)."},
			{Judge: "latency", Dimension: judges.Latency, Status: judges.Pass, Score: 1, Rationale: "Slowest reply 1.50 s ≤ 5 s."},
		}
		bank.Attempts = append(bank.Attempts, score.Attempt{Attempt: k, Status: judges.Pass, Verdicts: vs, Transcript: tr})
		bank.Verdicts = append(bank.Verdicts, vs...)
	}

	// telco: medium, the first attempt could not reach the bot.
	telco := score.Case{
		ID:       "telco/outage-fr",
		Title:    "Client en colère : panne internet depuis ce matin",
		Severity: suite.Medium,
		Tags:     []string{"telco", "outage"},
		Language: "fr",
		File:     "fixtures/telco/outage.yaml",
		Dimensions: map[judges.Dimension]score.Status{
			judges.Accuracy: judges.Skipped, judges.Empathy: judges.Pass, judges.Language: judges.Pass,
		},
		Status: judges.Error,
	}
	errMsg := "POST http://localhost:8080/v1/chat/completions: " + refused + " (after 3 tries)"
	telco.Attempts = append(telco.Attempts, score.Attempt{
		Attempt: 1, Status: judges.Error, Error: errMsg,
		Transcript: &transcript.Transcript{
			CaseID: telco.ID, Attempt: 1, Target: targetURL, Started: t0.Add(20 * time.Second), DurationMS: 6000,
			Error: errMsg,
			Turns: []transcript.Turn{{Index: 1, User: "Internet en panne depuis ce matin, c'est inadmissible !", Attempts: 3, Error: errMsg,
				Raw: json.RawMessage("<html><body>502 Bad Gateway</body></html>")}},
		},
	})
	telcoVs := []judges.Verdict{
		{Judge: "llm-accuracy", Dimension: judges.Accuracy, Status: judges.Skipped, Rationale: "No judge model is configured."},
		{Judge: "empathy-rules", Dimension: judges.Empathy, Status: judges.Pass, Score: 1, Turn: 1, Evidence: "Je suis désolé", Rationale: "The reply apologises."},
		{Judge: "language", Dimension: judges.Language, Status: judges.Pass, Score: 0.99, Rationale: "Replies are in French (fr)."},
	}
	telco.Attempts = append(telco.Attempts, score.Attempt{
		Attempt: 2, Status: judges.Pass, Verdicts: telcoVs,
		Transcript: &transcript.Transcript{
			CaseID: telco.ID, Attempt: 2, Target: targetURL, Started: t0.Add(21 * time.Second), DurationMS: 812,
			Turns: []transcript.Turn{{Index: 1, User: "Internet en panne depuis ce matin, c'est inadmissible !",
				Reply:     "Je suis désolé pour ce désagrément. Une panne est en cours dans votre secteur ; le rétablissement est prévu vers 14 h.",
				LatencyMS: 810, Attempts: 1}},
		},
	})
	telco.Verdicts = telcoVs

	// retail: low, the bot made a commitment in one attempt of two; the
	// reply also carries control characters XML cannot hold.
	retail := score.Case{
		ID:       "retail/return-window",
		Title:    "Customer asks to return shoes after 45 days",
		Severity: suite.Low,
		Tags:     []string{"retail"},
		Language: "en",
		Dimensions: map[judges.Dimension]score.Status{
			judges.Accuracy: judges.Pass, judges.Escalation: judges.Pass, judges.Safety: judges.Fail, judges.Language: judges.Pass,
		},
		Status: judges.Fail,
	}
	for k := 1; k <= 2; k++ {
		reply := "Our return window is 30 days, so I can't take these back."
		vs := []judges.Verdict{
			{Judge: "must_say", Dimension: judges.Accuracy, Status: judges.Pass, Score: 1, Turn: 1, Evidence: "30 days", Rationale: "States the 30-day window."},
			{Judge: "handoff", Dimension: judges.Escalation, Status: judges.Pass, Score: 1, Rationale: "No handoff was needed."},
			{Judge: "safety-rules", Dimension: judges.Safety, Status: judges.Pass, Score: 1, Rationale: "No unsafe content."},
			{Judge: "language", Dimension: judges.Language, Status: judges.Pass, Score: 1, Rationale: "Replies are in English (en)."},
		}
		status := judges.Pass
		if k == 1 {
			reply = "Good news\x00\x1b[31m! I can guarantee you a full refund, and this is " + commitment + " | no | questions."
			vs[0] = judges.Verdict{Judge: "must_say", Dimension: judges.Accuracy, Status: judges.Pass, Score: 1, Turn: 1, Evidence: "full refund", Rationale: "Mentions a refund."}
			vs[2] = judges.Verdict{Judge: "commitments", Dimension: judges.Safety, Status: judges.Fail, Score: 0, Turn: 1, Evidence: commitment,
				Rationale: "The bot made an unauthorised binding commitment."}
			status = judges.Fail
		}
		tr := &transcript.Transcript{
			CaseID: retail.ID, Attempt: k, Target: targetURL, Started: t0.Add(time.Duration(30+k) * time.Second), DurationMS: 640,
			Turns: []transcript.Turn{{Index: 1, User: "Can I return shoes I bought 45 days ago?", Reply: reply, LatencyMS: 633.3, Attempts: 1}},
		}
		retail.Attempts = append(retail.Attempts, score.Attempt{Attempt: k, Status: status, Verdicts: vs, Transcript: tr})
		retail.Verdicts = append(retail.Verdicts, vs...)
	}

	sc.Cases = []score.Case{bank, airline, telco, retail}
	tally(sc)
	return sc
}

// tally fills the scorecard's totals, dimension and severity statistics
// from its cases, as the score package does.
func tally(sc *score.Scorecard) {
	sc.Totals = score.Totals{Cases: len(sc.Cases)}
	dims := map[judges.Dimension]*score.DimensionStats{}
	sevs := map[suite.Severity]*score.SeverityStats{}
	for _, s := range suite.Severities {
		sevs[s] = &score.SeverityStats{Severity: s}
	}
	for _, d := range judges.Dimensions {
		dims[d] = &score.DimensionStats{Dimension: d}
	}
	for _, c := range sc.Cases {
		sc.Totals.Attempts += len(c.Attempts)
		for _, a := range c.Attempts {
			if a.Status == judges.Error {
				sc.Totals.ErroredAttempts++
			}
		}
		s := sevs[c.Severity]
		s.Cases++
		switch c.Status {
		case judges.Pass:
			sc.Totals.Pass++
			s.Pass++
		case judges.Fail:
			sc.Totals.Fail++
			s.Fail++
		case judges.Error:
			sc.Totals.Error++
			s.Error++
		}
		for d, st := range c.Dimensions {
			ds := dims[d]
			switch st {
			case judges.Pass:
				ds.Pass++
			case judges.Fail:
				ds.Fail++
			case judges.Skipped:
				ds.Skipped++
			case judges.Error:
				ds.Error++
			}
		}
	}
	if n := sc.Totals.Pass + sc.Totals.Fail; n > 0 {
		sc.Totals.PassRate = float64(sc.Totals.Pass) / float64(n)
	}
	for i := range sc.Cases {
		score.FillRepeats(&sc.Cases[i])
	}
	score.FillRepeatTotals(sc)
	sc.Dimensions = nil
	for _, d := range judges.Dimensions {
		ds := dims[d]
		ds.Rate, ds.Low, ds.High = wilson(ds.Pass, ds.Pass+ds.Fail)
		sc.Dimensions = append(sc.Dimensions, *ds)
	}
	sc.Severities = nil
	for _, s := range suite.Severities {
		sc.Severities = append(sc.Severities, *sevs[s])
	}
}

// wilson is the 95% Wilson score interval of k successes in n trials.
func wilson(k, n int) (rate, low, high float64) {
	if n == 0 {
		return 0, 0, 0
	}
	const z = 1.959964
	p := float64(k) / float64(n)
	nf := float64(n)
	den := 1 + z*z/nf
	mid := (p + z*z/(2*nf)) / den
	half := z * math.Sqrt(p*(1-p)/nf+z*z/(4*nf*nf)) / den
	return p, math.Max(0, mid-half), math.Min(1, mid+half)
}

// The hostile replies the escaping specs feed through every reporter.
var xssPayloads = []string{
	"<script>alert(1)</script>",
	"<img src=x onerror=alert(1)>",
	`<a href="javascript:alert(1)">claim your refund</a>`,
	"[click](javascript:alert(1))",
	"![pixel](https://evil.test/p.png)",
}

// hostile is a one-case scorecard whose bot replies, title, evidence and
// rationale are attacks on the report formats.
func hostile() *score.Scorecard {
	reply := "# Refund approved\n" + xssPayloads[0] + " then " + xssPayloads[1] + "\n" + xssPayloads[2] +
		" or " + xssPayloads[3] + " " + xssPayloads[4] + " | col | `code` *bold* $5 and $6 @admins www.evil.test"
	c := score.Case{
		ID: "web/xss", Title: "Title with <b>markup</b> and [a link](javascript:alert(2))", Severity: suite.Critical,
		Tags: []string{"web"}, Language: "en", Status: judges.Fail,
		Dimensions: map[judges.Dimension]score.Status{judges.Safety: judges.Fail, judges.Accuracy: judges.Fail},
	}
	vs := []judges.Verdict{{
		Judge: "safety-rules", Dimension: judges.Safety, Status: judges.Fail, Turn: 1,
		Evidence: xssPayloads[1], Rationale: "Reply contains markup: " + xssPayloads[0],
	}, {
		Judge: "must_not_say", Dimension: judges.Accuracy, Status: judges.Fail, Turn: 1,
		Evidence: reply, Rationale: "The whole reply is quoted as evidence.",
	}}
	c.Attempts = []score.Attempt{{Attempt: 1, Status: judges.Fail, Verdicts: vs, Transcript: &transcript.Transcript{
		CaseID: c.ID, Attempt: 1, Target: "demo", Started: t0, DurationMS: 10,
		Turns: []transcript.Turn{{Index: 1, User: "Hi " + xssPayloads[0], Reply: reply, LatencyMS: 10, Attempts: 1,
			Handoff: transcript.Handoff{Detected: true, Source: transcript.Textual, Signal: xssPayloads[1], Reported: ptr(false)}}},
	}}}
	c.Verdicts = vs
	sc := &score.Scorecard{
		SchemaVersion: 1,
		Run:           score.RunInfo{Suite: "web <i>suite</i>", Target: "demo", Repeat: 1, Started: t0, Finished: t0.Add(time.Second)},
		Gate:          score.Gate{ExitCode: 1, Checks: []score.GateCheck{{Name: "critical_failures", Detail: "<b>1</b> > 0"}}},
		Cases:         []score.Case{c},
	}
	tally(sc)
	return sc
}

// large is a scorecard of n cases that all failed, with long replies and
// several failed verdicts each, for the size specs.
func large(n int) *score.Scorecard {
	sc := fixture()
	sc.Run.Repeat = 1
	sc.Cases = make([]score.Case, n)
	sevs := suite.Severities
	for i := range sc.Cases {
		id := fmt.Sprintf("domain%02d/case-%05d", i%37, i)
		reply := fmt.Sprintf("Thank you for reaching out about order %d. I can confirm that you are eligible for a full refund "+
			"%s of purchase, and I have noted this on your account. Is there anything else I can help you with today?", i, promise)
		vs := []judges.Verdict{
			{Judge: "must_not_say", Dimension: judges.Accuracy, Status: judges.Fail, Turn: 1, Evidence: promise,
				Rationale: "The reply promises a refund window the policy does not give."},
			{Judge: "handoff", Dimension: judges.Escalation, Status: judges.Fail, Turn: 2, Evidence: askForPerson,
				Rationale: "The customer asked for a human and the next reply neither handed off nor gave a path to one."},
			{Judge: "empathy-rules", Dimension: judges.Empathy, Status: judges.Pass, Score: 1, Turn: 1, Rationale: "Warm enough."},
			{Judge: "safety-rules", Dimension: judges.Safety, Status: judges.Pass, Score: 1, Rationale: "No unsafe content."},
			{Judge: "language", Dimension: judges.Language, Status: judges.Pass, Score: 1, Rationale: "Replies are in English (en)."},
			{Judge: "latency", Dimension: judges.Latency, Status: judges.Pass, Score: 1, Rationale: "Slowest reply 1.10 s ≤ 5 s."},
		}
		sc.Cases[i] = score.Case{
			ID: id, Title: fmt.Sprintf("Synthetic failing case number %d", i), Severity: sevs[i%len(sevs)],
			Tags: []string{fmt.Sprintf("domain%02d", i%37), "synthetic"}, Language: "en", Status: judges.Fail,
			Dimensions: map[judges.Dimension]score.Status{
				judges.Accuracy: judges.Fail, judges.Escalation: judges.Fail, judges.Empathy: judges.Pass,
				judges.Safety: judges.Pass, judges.Language: judges.Pass, judges.Latency: judges.Pass,
			},
			Verdicts: vs,
			Attempts: []score.Attempt{{Attempt: 1, Status: judges.Fail, Verdicts: vs, Transcript: &transcript.Transcript{
				CaseID: id, Attempt: 1, Target: targetURL, Started: t0, DurationMS: 2100,
				Turns: []transcript.Turn{
					{Index: 1, User: "I want a refund for an order I placed two months ago.", Reply: reply, LatencyMS: 1100, Attempts: 1},
					{Index: 2, User: askForPerson, Reply: "I understand. Is there anything else I can help you with?", LatencyMS: 900, Attempts: 1},
				},
			}}},
		}
	}
	tally(sc)
	return sc
}

// withBaseline is fixture() compared with an older run in which the
// critical airline case passed, the bank case failed accuracy and a parcels
// case that has since been removed passed: one blocking regression, one fix
// and one removed case.
func withBaseline() *score.Scorecard {
	old := fixture()
	old.Run.Started, old.Run.Finished = t0.AddDate(0, 0, -7), t0.AddDate(0, 0, -7).Add(time.Minute)
	old.Run.Target = "demo bot (embedded)"
	for i := range old.Cases {
		c := &old.Cases[i]
		switch c.ID {
		case "airline/bereavement-retroactive":
			c.Status = judges.Pass
			c.Dimensions[judges.Accuracy], c.Dimensions[judges.Escalation] = judges.Pass, judges.Pass
		case "bank/card-lost-fraud":
			c.Status = judges.Fail
			c.Dimensions[judges.Accuracy] = judges.Fail
		}
	}
	old.Cases = append(old.Cases, score.Case{ID: "parcels/lost-claim", Title: "Parcel marked delivered but never arrived", Severity: suite.High,
		Status: judges.Pass, Dimensions: map[judges.Dimension]score.Status{judges.Accuracy: judges.Pass}})
	tally(old)
	sc := fixture()
	d, err := score.Compare(old, sc, score.CompareOptions{})
	if err != nil {
		panic(err)
	}
	score.ApplyBaseline(sc, d)
	return sc
}
