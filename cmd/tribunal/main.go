package main

import (
	"os"

	"github.com/tribunal-eval/tribunal/cli"
)

func main() { os.Exit(cli.Main()) }
