from samples.wild import main

raise SystemExit(main())
