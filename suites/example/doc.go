// Package example is what a team's own Go suite looks like when it tests
// its support bot with tribunal's Gomega matchers (package matchers): a few
// conversations its product owners care about, each asserted on the
// judges' rulings. It talks to $TRIBUNAL_TARGET, or the embedded demo bot
// when that is unset:
//
//	go test ./suites/example
//	TRIBUNAL_TARGET=http://127.0.0.1:8080/v1 go test ./suites/example
package example
