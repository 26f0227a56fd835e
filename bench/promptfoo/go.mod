// This folder is not Go code: the go.mod keeps `go build ./...` and
// `go vet ./...` of tribunal out of node_modules, where the promptfoo
// package ships .go files of its own.
module tribunal.invalid/bench/promptfoo

go 1.26
