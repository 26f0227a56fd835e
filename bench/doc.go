// Package bench measures tribunal: `go test -bench . ./bench/` for the
// judges and the replay engine in process, and the programs below it for
// end-to-end runs of the built binary against a local bot:
//
//	go run ./bench/replaybench     # latency, harness overhead, peak RSS at scale
//	bench/promptfoo/run.sh         # side by side with promptfoo
//
// bench/workload generates the cases both use; bench/measure serves the
// demo bot on loopback and measures child processes.
package bench
