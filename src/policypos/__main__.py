"""``python -m policypos``: the same as the ``policypos`` command."""

from policypos.cli import main

main()
