#!/usr/bin/env bash
# The callers of the deployed scenarios: users of the environment's Cognito user pool, made for one run and removed
# after it. create makes N customers (each scenario signs in as a customer no other test uses, whose order list
# starts empty) and one member of staff (group staff), each with a random password nobody sees, and writes their
# access tokens to FILE (mode 600), as ORDERS_CALLERS_FILE of Tests/Deployed.Tests reads them. With --staff 0 it makes
# no member of staff, and the scenarios that need one are skipped: the daily run against production does so, so that
# its role needs no right to make anyone staff there. remove deletes every user of a run; it is safe to call when none
# was created. The users are named scenario-<run id>-customer-<n> and scenario-<run id>-staff; the run id is
# GITHUB_RUN_ID-GITHUB_RUN_ATTEMPT in GitHub Actions and a timestamp elsewhere. Needs the AWS CLI, with credentials
# allowed the Cognito admin calls on the pool.
#
#   scenario-callers.sh create --user-pool-id ID --client-id ID --customers N --output FILE [--staff 0|1] [--run-id R]
#   scenario-callers.sh remove --user-pool-id ID --run-id R
#
# The program Tests/ScenarioCallers does the work (tested in Tests/Delivery.Tests against a stand-in aws).
set -euo pipefail
exec dotnet run --project "$(dirname "${BASH_SOURCE[0]}")/../../Tests/ScenarioCallers" -- "$@"
