#!/usr/bin/env bash
echo "gui-smoke: not yet"
