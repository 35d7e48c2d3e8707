//go:build tools

// Package tools pins the main packages the development cluster is built from.
package tools

import (
	_ "sigs.k8s.io/kwok/cmd/kwok"
	_ "sigs.k8s.io/kwok/cmd/kwokctl"
	_ "sigs.k8s.io/metrics-server/cmd/metrics-server"
)
