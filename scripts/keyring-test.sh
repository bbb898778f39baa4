#!/usr/bin/env bash
echo "keyring-test: not yet"
