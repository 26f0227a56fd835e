package score

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"hash"
	"sort"

	"github.com/tribunal-eval/tribunal/suite"
)

// SuiteHash identifies a list of cases: "sha256:" and the hex SHA-256 of
// each case's JSON (as the suite package encodes it) followed by the text of
// the policy it cites, in load order. Where a case is written (file, line)
// and the path of its policy are left out, so moving a case between files
// or running from another folder keeps the hash; any change to what a case
// says, expects or cites changes it, as do added, removed or reordered
// cases. It is computed over the cases actually run, after --shard.
func SuiteHash(cases []*suite.Case) string {
	h := newSuiteHasher()
	for _, c := range cases {
		h.add(c)
	}
	return h.sum()
}

// suiteHasher computes SuiteHash one case at a time, so a suite walked
// case by case is hashed without being held.
type suiteHasher struct {
	h   hash.Hash
	enc *json.Encoder
}

func newSuiteHasher() *suiteHasher {
	h := sha256.New()
	return &suiteHasher{h: h, enc: json.NewEncoder(h)}
}

func (s *suiteHasher) add(c *suite.Case) {
	cc := *c
	cc.File, cc.Line, cc.Policy = "", 0, nil
	// Encoding a loaded case cannot fail: its fields are plain data.
	_ = s.enc.Encode(&cc)
	if c.Policy != nil {
		b, _ := json.Marshal(c.Policy.Text)
		s.h.Write(b)
	}
	s.h.Write([]byte{'\n'})
}

func (s *suiteHasher) sum() string { return "sha256:" + hex.EncodeToString(s.h.Sum(nil)) }

// judgesOf returns the judges given (with their models and prompt versions)
// plus every other judge that gave a verdict, sorted by name.
func judgesOf(given []JudgeInfo, named map[string]bool) []JudgeInfo {
	seen := map[string]bool{}
	var out []JudgeInfo
	for _, j := range given {
		if !seen[j.Name] {
			seen[j.Name] = true
			out = append(out, j)
		}
	}
	for name := range named {
		if !seen[name] {
			seen[name] = true
			out = append(out, JudgeInfo{Name: name})
		}
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].Name < out[b].Name })
	return out
}
