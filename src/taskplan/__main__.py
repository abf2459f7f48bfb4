from taskplan.cli.app import run

run()
