package cli_test

import (
	"os"
	"path/filepath"

	. "github.com/onsi/ginkgo/v2"
	. "github.com/onsi/gomega"
)

var _ = Describe("tribunal import", func() {
	botium := filepath.Join("..", "importers", "testdata", "botium")
	promptfoo := filepath.Join("..", "importers", "testdata", "promptfoo")

	It("converts a folder of Botium convos into case files that validate, and reports what did not map", func() {
		out := filepath.Join(GinkgoT().TempDir(), "imported")
		r := run("import", "botium", botium, "--out", out, "--tag", "legacy")
		Expect(r.code).To(Equal(0), r.errOut)
		Expect(r.errOut).To(ContainSubstring("tribunal import botium: converted 4 of 6 convos into 4 file(s); 2 skipped"))
		Expect(r.errOut).To(ContainSubstring("greeting.convo.txt: TC01 - Greeting: #bot BUTTONS: not mapped"))
		Expect(r.errOut).To(ContainSubstring("skipped: no #me message to replay"))
		Expect(r.out).To(ContainSubstring("wrote " + filepath.Join(out, "human-handoff.yaml") + " (1 case)"))
		Expect(filepath.Join(out, "refund-window.yaml")).To(BeAnExistingFile())
		v := run("validate", out)
		Expect(v.code).To(Equal(0), v.errOut)
		Expect(v.out).To(ContainSubstring("4 cases in 4 files"))
	})

	It("writes one case file to standard output without --out", func() {
		r := run("import", "promptfoo", filepath.Join(promptfoo, "promptfooconfig.yaml"), "--language", "en")
		Expect(r.code).To(Equal(0), r.errOut)
		Expect(r.out).To(HavePrefix("# Converted by `tribunal import`"))
		Expect(r.out).To(ContainSubstring("  - id: promptfoo/return-window"))
		Expect(r.out).To(ContainSubstring("language: en"))
		Expect(r.errOut).To(ContainSubstring("assert javascript not mapped (tribunal does not run code)"))
		dir := GinkgoT().TempDir()
		Expect(os.WriteFile(filepath.Join(dir, "p.yaml"), []byte(r.out), 0o644)).To(Succeed())
		Expect(run("validate", dir).code).To(Equal(0))
	})

	It("exits 2 when nothing could be converted, with the notes on stderr", func() {
		r := run("import", "promptfoo", filepath.Join(promptfoo, "nothing_maps.yaml"))
		Expect(r.code).To(Equal(2))
		Expect(r.out).To(BeEmpty())
		Expect(r.errOut).To(ContainSubstring("which var is the customer's message?"))
		Expect(r.errOut).To(ContainSubstring("nothing could be converted"))
	})

	It("exits 2 on a file it cannot read", func() {
		r := run("import", "botium", "no/such/file.convo.txt")
		Expect(r.code).To(Equal(2))
		Expect(r.errOut).To(ContainSubstring("cannot read no/such/file.convo.txt"))
	})

	It("takes the message var and a prefix for promptfoo", func() {
		r := run("import", "promptfoo", filepath.Join(promptfoo, "nothing_maps.yaml"), "--var", "topic", "--prefix", "legacy/")
		Expect(r.code).To(Equal(0), r.errOut)
		Expect(r.out).To(ContainSubstring("id: legacy/only-code-assertions"))
	})
})
