import sys

from cfn_cognito.cli import main

sys.exit(main())
