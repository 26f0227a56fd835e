package llm

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"time"

	openai "github.com/sashabaranov/go-openai"
	"github.com/tribunal-eval/tribunal/suite"
)

// The disk cache holds one JSON file per judge request, named by the
// sha256 of everything that decides the reply: model, judge, prompt
// version, seed, the request's messages (with the fence placeholder, not
// the per-request token), the sample index and the transcript's attempt
// number. An unchanged re-run is served from disk and costs nothing; a
// repeat attempt, even with identical words, has its own entries. Files
// are written to a temporary name and renamed, so a reader never sees half
// a file. On Azure OpenAI the resource's endpoint is part of the key too. The API key is never part of a key or a file.

type cacheKey struct {
	Model         string                         `json:"model"`
	Judge         string                         `json:"judge"`
	PromptVersion string                         `json:"prompt_version"`
	Seed          int                            `json:"seed"`
	Temperature   float32                        `json:"temperature"`
	Messages      []openai.ChatCompletionMessage `json:"messages"`
	Sample        int                            `json:"sample"`
	Attempt       int                            `json:"attempt"`
	// Deployment is where an Azure OpenAI model runs (the resource's
	// endpoint): there the model is a deployment name a team chooses, and
	// two resources' deployments of one name may run different models.
	// Empty for other endpoints, so their entries keep their keys.
	Deployment string `json:"deployment,omitempty"`
}

func (k cacheKey) hash() string {
	b, _ := json.Marshal(k)
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// cacheEntry is one cached reply.
type cacheEntry struct {
	Key           string    `json:"key"`
	Model         string    `json:"model"`
	Judge         string    `json:"judge"`
	PromptVersion string    `json:"prompt_version"`
	CaseID        string    `json:"case_id"`
	Attempt       int       `json:"attempt"`
	Sample        int       `json:"sample"`
	Created       time.Time `json:"created"`
	Content       string    `json:"content"`
}

type diskCache struct {
	dir string
}

func (c *diskCache) path(key string) string {
	return filepath.Join(c.dir, key[:2], key+".json")
}

func (c *diskCache) get(key string) (cacheEntry, bool) {
	if c == nil {
		return cacheEntry{}, false
	}
	b, err := os.ReadFile(c.path(key))
	if err != nil {
		return cacheEntry{}, false
	}
	var e cacheEntry
	if err := json.Unmarshal(b, &e); err != nil || e.Key != key {
		return cacheEntry{}, false
	}
	return e, true
}

func (c *diskCache) put(e cacheEntry) error {
	if c == nil {
		return nil
	}
	p := c.path(e.Key)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	b, err := json.MarshalIndent(e, "", "  ")
	if err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(p), ".tmp-*")
	if err != nil {
		return err
	}
	_, werr := f.Write(append(b, '\n'))
	serr := f.Sync()
	cerr := f.Close()
	if err := errors.Join(werr, serr, cerr); err != nil {
		_ = os.Remove(f.Name())
		return err
	}
	if err := os.Rename(f.Name(), p); err != nil {
		_ = os.Remove(f.Name())
		return err
	}
	return nil
}

// deployment is the cache key's Deployment: the Azure resource the model
// is deployed on, or "" elsewhere.
func (j *Judges) deployment() string {
	if !suite.AzureAPI(j.cfg.APIType) {
		return ""
	}
	return j.cfg.BaseURL
}
