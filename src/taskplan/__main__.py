from taskplan.cli.app import main

raise SystemExit(main())
