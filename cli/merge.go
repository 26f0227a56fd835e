package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/tribunal-eval/tribunal/reports"
	"github.com/tribunal-eval/tribunal/results"
	"github.com/tribunal-eval/tribunal/score"
	"github.com/tribunal-eval/tribunal/suite"
)

// MergeOptions are `tribunal merge`'s inputs.
type MergeOptions struct {
	IO     *IOStreams
	Out    string
	Shards []string
	// Suites are the suite folders the shards ran (none: the bundled
	// library), for the cases' titles, severities and order, and the gates.
	Suites []string
	// AllowPartial accepts shards that do not cover every case.
	AllowPartial bool
	// Baseline, AllowSuiteChange and Flaky are run's: the merged scorecard
	// is the one that gates a sharded release.
	Baseline         string
	AllowSuiteChange bool
	Flaky            string
	Report           reports.Options
}

// NewCmdMerge builds `tribunal merge`.
func NewCmdMerge(ios *IOStreams, runF func(*MergeOptions) error) *cobra.Command {
	opts := &MergeOptions{IO: ios}
	cmd := &cobra.Command{
		Use:   "merge OUT_DIR SHARD_DIR...",
		Short: "Join the results of sharded runs into one report",
		Long: `Join the results.jsonl of each shard's report folder (from tribunal run
--shard I/N) into OUT_DIR/results.jsonl and write the whole report there:
the scorecard is the one a single run of every case would have given, and the
gates (from the suite's tribunal.yaml) decide the exit code.

Pass the suite folders the shards ran with --suite (the bundled library when
none is given): merge needs the cases for their order, titles and severities.
Results of cases the suite does not have are refused (exit 2), and so is a
merge that leaves cases without results (a shard missing or unfinished),
unless --allow-partial. The same attempt found in two shards means the shards
overlap: tribunal warns and keeps the first shard's (in the order given).
Within one shard, a later line for the same attempt replaces an earlier one,
as in tribunal run --resume.`,
		Example: `  # four shards of the bundled library, then the merge
  for i in 1 2 3 4; do tribunal run --shard $i/4 --out shard-$i; done
  tribunal merge report shard-1 shard-2 shard-3 shard-4

  # your own suite
  tribunal merge report shards/* --suite ./cases

  # gate the merged release on the last one
  tribunal merge report shards/* --baseline last-release/scorecard.json`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) < 2 {
				return usageErrorf("merge needs OUT_DIR and at least one SHARD_DIR (a report folder with results.jsonl)")
			}
			opts.Out, opts.Shards = args[0], args[1:]
			if runF != nil {
				return runF(opts)
			}
			return mergeRun(opts)
		},
	}
	f := cmd.Flags()
	f.StringArrayVar(&opts.Suites, "suite", nil, "suite folder the shards ran (repeatable; default: the bundled library)")
	f.BoolVar(&opts.AllowPartial, "allow-partial", false, "write the report and apply the gates even when some cases have no results")
	f.StringVar(&opts.Baseline, "baseline", "", "an earlier scorecard.json (or its report folder) to compare the merged run with and gate on")
	f.BoolVar(&opts.AllowSuiteChange, "allow-suite-change", false, "compare with a --baseline of different cases (matched by id)")
	f.StringVar(&opts.Flaky, "flaky", "", "flaky cases under --repeat (some attempts pass, some fail): warn (default) or fail the gate")
	addReportFlags(f, &opts.Report)
	return cmd
}

// shardResults is one shard's report folder as merge reads it: where each
// attempt's line is in its results.jsonl, not the records themselves, so a
// merge of large shards holds positions only.
type shardResults struct {
	dir     string
	path    string
	records map[results.Key]results.Pos
	run     *score.RunInfo // from its scorecard.json, when there is one
}

// shardLine is one attempt's line: its shard and where it is there.
type shardLine struct {
	shard int
	pos   results.Pos
}

func mergeRun(opts *MergeOptions) error {
	if err := checkReport(opts.Report); err != nil {
		return err
	}
	// The suites are walked, not held: the scorecard keeps each case's
	// description, and order each id's place.
	builder := score.NewBuilder(nil, score.RunInfo{})
	order := map[string]int{}
	walked, err := walkSuites(opts.Suites, nil, func(c *suite.Case) {
		order[c.ID] = len(order)
		builder.Declare(c)
	}, 0)
	if err != nil {
		return err
	}
	cfg := walked.suites[0].Config

	outAbs, _ := filepath.Abs(opts.Out)
	var shards []*shardResults
	for _, dir := range opts.Shards {
		if abs, _ := filepath.Abs(dir); abs == outAbs {
			return usageErrorf("OUT_DIR %s is also a shard; merge into a new folder", opts.Out)
		}
		s, err := readShard(dir)
		if err != nil {
			return err
		}
		shards = append(shards, s)
	}

	// Join: the first shard to have an attempt keeps it.
	merged := map[results.Key]shardLine{}
	from := map[results.Key]string{}
	var overlaps []string
	unknown := map[string]bool{}
	for si, s := range shards {
		for k, pos := range s.records {
			if _, ok := order[k.CaseID]; !ok {
				unknown[k.CaseID] = true
				continue
			}
			if prev, dup := from[k]; dup {
				overlaps = append(overlaps, fmt.Sprintf("%s #%d (%s and %s)", k.CaseID, k.Attempt, prev, s.dir))
				continue
			}
			merged[k], from[k] = shardLine{si, pos}, s.dir
		}
	}
	if len(unknown) > 0 {
		return usageErrorf("%d case(s) in the shards' results are not in %s, e.g. %s; pass the suite the shards ran with --suite DIR",
			len(unknown), suiteNames(walked.suites), firstSorted(unknown, 3))
	}
	if len(overlaps) > 0 {
		sort.Strings(overlaps)
		fmt.Fprintf(opts.IO.ErrOut, "tribunal merge: warning: %d attempt(s) are in more than one shard, e.g. %s; kept the first shard's. Did the shards run with different --shard counts?\n",
			len(overlaps), strings.Join(overlaps[:min(3, len(overlaps))], ", "))
	}

	keys := make([]results.Key, 0, len(merged))
	for k := range merged {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if a, b := order[keys[i].CaseID], order[keys[j].CaseID]; a != b {
			return a < b
		}
		return keys[i].Attempt < keys[j].Attempt
	})

	info, repeat := mergedRunInfo(shards, keys)
	info.Tribunal, info.Suite = version(), suiteNames(walked.suites)
	builder.SetRun(info)
	ro := &RunOptions{Flaky: opts.Flaky, Baseline: opts.Baseline, AllowSuiteChange: opts.AllowSuiteChange}
	base, err := prepareRun(ro, &cfg.Gates, builder.SuiteHash, info)
	if err != nil {
		return err
	}

	if err := os.MkdirAll(opts.Out, 0o755); err != nil {
		return fmt.Errorf("creating report folder: %w", err)
	}
	resultsPath := filepath.Join(opts.Out, results.FileName)
	if err := writeMerged(resultsPath, shards, keys, merged, builder); err != nil {
		return err
	}

	total := walked.cases * repeat
	sc := builder.Scorecard(cfg.Gates)
	if sc.Run.Finished.IsZero() {
		sc.Run.Finished = time.Now().UTC()
	}
	sc.Run.Interrupted = sc.Run.Interrupted || len(keys) < total
	if err := applyBaseline(sc, base); err != nil {
		return err
	}
	fmt.Fprintf(opts.IO.ErrOut, "tribunal merge: %d attempts of %d cases from %d shard(s)\n", len(keys), sc.Totals.Cases, len(shards))
	if err := deliver(opts.IO, opts.Out, sc, opts.Report); err != nil {
		return err
	}

	if missing := total - len(keys); missing > 0 && !opts.AllowPartial {
		return usageErrorf("%d of %d attempts (%d cases × %d) have no results: is a shard missing or unfinished? (--allow-partial accepts a partial report)",
			missing, total, walked.cases, repeat)
	}
	return gateResult(sc)
}

// readShard reads a shard's results.jsonl (a report folder, or the file
// itself) and the run information of its scorecard.json when present.
func readShard(dir string) (*shardResults, error) {
	path := dir
	if st, err := os.Stat(dir); err != nil {
		return nil, usageErrorf("shard %s: %v", dir, errors.Unwrap(err))
	} else if st.IsDir() {
		path = filepath.Join(dir, results.FileName)
	}
	s := &shardResults{dir: dir, path: path, records: map[results.Key]results.Pos{}}
	err := results.ScanFile(path, func(r *results.Record, pos results.Pos) error {
		s.records[r.Key()] = pos // a later line (a redo) replaces an earlier one
		return nil
	})
	if errors.Is(err, os.ErrNotExist) {
		return nil, usageErrorf("shard %s: no %s (is it a tribunal report folder?)", dir, results.FileName)
	}
	if err != nil {
		return nil, &UsageError{fmt.Errorf("shard %s: %w", dir, err)}
	}
	s.run = readRunInfo(filepath.Join(filepath.Dir(path), "scorecard.json"))
	return s, nil
}

// writeMerged writes the attempts keys, in that order, read one at a time
// from their shards, as a new results file at path, and adds each to the
// scorecard.
func writeMerged(path string, shards []*shardResults, keys []results.Key, lines map[results.Key]shardLine, builder *score.Builder) (err error) {
	files := make([]*os.File, len(shards))
	defer func() {
		for _, f := range files {
			if f != nil {
				f.Close()
			}
		}
	}()
	w, err := results.Create(path)
	if err != nil {
		return err
	}
	defer func() {
		if cerr := w.Close(); err == nil {
			err = cerr
		}
	}()
	for _, k := range keys {
		l := lines[k]
		if files[l.shard] == nil {
			if files[l.shard], err = os.Open(shards[l.shard].path); err != nil {
				return err
			}
		}
		r, err := results.ReadAt(files[l.shard], l.pos)
		if err != nil {
			return fmt.Errorf("shard %s: %w", shards[l.shard].dir, err)
		}
		pos, err := w.Put(r)
		if err != nil {
			return err
		}
		builder.AddAt(r, path, pos)
	}
	return nil
}

// mergedRunInfo spans the shards' runs: the earliest start, the latest
// finish, their targets, the judges (the first shard's), and the repeat
// count (from the scorecards, else the highest attempt number seen). The
// suite hash is left to the builder, which computes it from every case of
// the suite, as a single run of them all does.
func mergedRunInfo(shards []*shardResults, keys []results.Key) (score.RunInfo, int) {
	var info score.RunInfo
	targets := map[string]bool{}
	var targetList []string
	for _, s := range shards {
		if s.run == nil {
			continue
		}
		r := s.run
		if !r.Started.IsZero() && (info.Started.IsZero() || r.Started.Before(info.Started)) {
			info.Started = r.Started
		}
		if r.Finished.After(info.Finished) {
			info.Finished = r.Finished
		}
		info.Repeat = max(info.Repeat, r.Repeat)
		info.Interrupted = info.Interrupted || r.Interrupted
		if info.Judges == nil {
			info.Judges = r.Judges
		}
		if r.Target != "" && !targets[r.Target] {
			targets[r.Target] = true
			targetList = append(targetList, r.Target)
		}
	}
	for _, k := range keys {
		info.Repeat = max(info.Repeat, k.Attempt)
	}
	if info.Repeat < 1 {
		info.Repeat = 1
	}
	if info.Started.IsZero() {
		info.Started = time.Now().UTC()
	}
	info.Target = strings.Join(targetList, "; ")
	return info, info.Repeat
}

func firstSorted(set map[string]bool, n int) string {
	ids := make([]string, 0, len(set))
	for id := range set {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	if len(ids) > n {
		return strings.Join(ids[:n], ", ") + ", …"
	}
	return strings.Join(ids, ", ")
}

// DefaultShardIndexEnv is where `--shard auto/N` reads the shard's 0-based
// index: Kubernetes sets it on every pod of an Indexed Job.
const DefaultShardIndexEnv = "JOB_COMPLETION_INDEX"

// resolveShard turns `--shard auto/N` into I/N, with I one more than the
// 0-based index in the environment variable indexEnv; any other spec is
// returned as it is.
func resolveShard(spec, indexEnv string, getenv func(string) string) (string, error) {
	is, ns, ok := strings.Cut(spec, "/")
	if !ok || strings.TrimSpace(is) != "auto" {
		return spec, nil
	}
	if indexEnv == "" {
		indexEnv = DefaultShardIndexEnv
	}
	n, err := strconv.Atoi(ns)
	if err != nil || n < 1 {
		return "", usageErrorf("--shard %q: want auto/N with N ≥ 1, like auto/4", spec)
	}
	raw := ""
	if getenv != nil {
		raw = strings.TrimSpace(getenv(indexEnv))
	}
	if raw == "" {
		return "", usageErrorf("--shard %s reads the shard's 0-based index from $%s, which is unset (set --shard-index-env, or give --shard I/N)", spec, indexEnv)
	}
	idx, err := strconv.Atoi(raw)
	if err != nil || idx < 0 || idx >= n {
		return "", usageErrorf("--shard %s: $%s is %q; want a 0-based index from 0 to %d", spec, indexEnv, raw, n-1)
	}
	return fmt.Sprintf("%d/%d", idx+1, n), nil
}
