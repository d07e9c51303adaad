"""Two instances on one PostgreSQL database answer for each other: whatever one is asked,
the other knows (users, codes, tokens and their revocation, the inbox, keys, functions,
stacks, hosted-UI codes), uniqueness holds across them, and one dying loses nothing."""

import subprocess
import sys
import threading
import time

import boto3
import requests

from cfn_cognito.testing import LocalCognito
from hosted_ui_helpers import Browser, make_user, oauth_client, query_of, token
from user_helpers import PASSWORD, attrs, error_of, inbox

FLOWS = ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH"]


def client(server: LocalCognito, service: str = "cognito-idp"):
    return boto3.client(service, endpoint_url=server.url, region_name="us-east-1")


def _pool_and_client(idp):
    pool = idp.create_user_pool(PoolName="shared", AutoVerifiedAttributes=["email"])["UserPool"]
    app = idp.create_user_pool_client(UserPoolId=pool["Id"], ClientName="app",
                                      ExplicitAuthFlows=FLOWS)["UserPoolClient"]
    return pool, app


def test_a_user_signs_up_on_a_and_lives_on_b_and_back(pair):
    a, b = client(pair.a), client(pair.b)
    pool, app = _pool_and_client(a)
    a.sign_up(ClientId=app["ClientId"], Username="jane", Password=PASSWORD,
              UserAttributes=attrs(email="jane@example.com"))
    # The code A sent is in B's inbox, and B takes it.
    code = inbox(pair.b.url, pool, "jane")[-1]["code"]
    b.confirm_sign_up(ClientId=app["ClientId"], Username="jane", ConfirmationCode=code)
    signed_in = b.initiate_auth(ClientId=app["ClientId"], AuthFlow="USER_PASSWORD_AUTH",
                                AuthParameters={"USERNAME": "jane", "PASSWORD": PASSWORD})
    tokens = signed_in["AuthenticationResult"]
    # A checks B's tokens (same keys, same issuer) and refreshes them.
    me = a.get_user(AccessToken=tokens["AccessToken"])
    assert me["Username"] == "jane"
    refreshed = a.initiate_auth(ClientId=app["ClientId"], AuthFlow="REFRESH_TOKEN_AUTH",
                                AuthParameters={"REFRESH_TOKEN": tokens["RefreshToken"]})
    assert a.get_user(AccessToken=refreshed["AuthenticationResult"]["AccessToken"])
    jwks = f"/{pool['Id']}/.well-known/jwks.json"
    assert requests.get(pair.a.url + jwks).json() == requests.get(pair.b.url + jwks).json()
    # Signed out on B: A refuses the tokens it was shown and those it refreshed.
    b.global_sign_out(AccessToken=tokens["AccessToken"])
    for access in (tokens["AccessToken"], refreshed["AuthenticationResult"]["AccessToken"]):
        assert error_of(a.get_user, AccessToken=access)[0] == "NotAuthorizedException"
    assert error_of(a.initiate_auth, ClientId=app["ClientId"], AuthFlow="REFRESH_TOKEN_AUTH",
                    AuthParameters={"REFRESH_TOKEN": tokens["RefreshToken"]})[0] \
        == "NotAuthorizedException"


def test_one_username_from_eight_threads_over_both_instances(pair):
    a, b = client(pair.a), client(pair.b)
    pool, app = _pool_and_client(a)
    clients = [client(pair.a if i % 2 else pair.b) for i in range(8)]
    outcomes, gate = [], threading.Barrier(8)

    def sign_up(idp, n):
        gate.wait()
        try:
            idp.sign_up(ClientId=app["ClientId"], Username="sam", Password=PASSWORD,
                        UserAttributes=attrs(email=f"sam{n}@example.com"))
            outcomes.append("ok")
        except idp.exceptions.UsernameExistsException:
            outcomes.append("exists")

    threads = [threading.Thread(target=sign_up, args=(c, n)) for n, c in enumerate(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["exists"] * 7 + ["ok"]
    assert [u["Username"] for u in b.list_users(UserPoolId=pool["Id"])["Users"]] == ["sam"]


def test_a_confirmation_code_works_once_across_instances(pair):
    a, b = client(pair.a), client(pair.b)
    pool, app = _pool_and_client(a)
    a.admin_create_user(UserPoolId=pool["Id"], Username="kim", MessageAction="SUPPRESS",
                        UserAttributes=attrs(email="kim@example.com", email_verified="true"))
    a.admin_set_user_password(UserPoolId=pool["Id"], Username="kim", Password=PASSWORD,
                              Permanent=True)
    a.forgot_password(ClientId=app["ClientId"], Username="kim")
    code = inbox(pair.a.url, pool, "kim")[-1]["code"]
    results, gate = [], threading.Barrier(6)

    def reset(idp, n):
        gate.wait()
        try:
            idp.confirm_forgot_password(ClientId=app["ClientId"], Username="kim",
                                        ConfirmationCode=code, Password=f"Passw0rd!{n}")
            results.append(n)
        except idp.exceptions.ClientError:
            pass    # CodeMismatchException / ExpiredCodeException: the code was used

    threads = [threading.Thread(target=reset, args=(client(pair.a if n % 2 else pair.b), n))
               for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 1
    b.initiate_auth(ClientId=app["ClientId"], AuthFlow="USER_PASSWORD_AUTH",
                    AuthParameters={"USERNAME": "kim", "PASSWORD": f"Passw0rd!{results[0]}"})


STACK = """
Resources:
  Trigger:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      Role: arn:aws:iam::000000000000:role/trigger
      Code:
        ZipFile: |
          def handler(event, context):
              event["response"]["autoConfirmUser"] = True
              return event
  Pool:
    Type: AWS::Cognito::UserPool
    Properties:
      UserPoolName: triggered
      LambdaConfig:
        PreSignUp: !GetAtt Trigger.Arn
  Client:
    Type: AWS::Cognito::UserPoolClient
    Properties:
      UserPoolId: !Ref Pool
      ClientName: web
Outputs:
  ClientId: {Value: !Ref Client}
"""


def test_a_stack_deployed_through_a_runs_its_trigger_on_b(pair):
    cfn = client(pair.a, "cloudformation")
    cfn.create_stack(StackName="triggered", TemplateBody=STACK)
    stack = client(pair.b, "cloudformation").describe_stacks(StackName="triggered")["Stacks"][0]
    assert stack["StackStatus"] == "CREATE_COMPLETE"
    client_id = stack["Outputs"][0]["OutputValue"]
    # B never saw the function's code: it unpacks it from the database into its data dir.
    answer = client(pair.b).sign_up(ClientId=client_id, Username="ann", Password=PASSWORD)
    assert answer["UserConfirmed"] is True


def test_an_authorization_code_from_a_is_redeemed_on_b(pair):
    a = client(pair.a)
    pool = a.create_user_pool(PoolName="hosted")["UserPool"]
    app = oauth_client(a, pool)
    make_user(a, pool)
    landed = Browser(pair.a.url).sign_in(app)
    assert landed.status_code == 302, landed.text
    code = query_of(landed.headers["Location"])["code"]
    form = dict(grant_type="authorization_code", client_id=app["ClientId"], code=code,
                redirect_uri="http://localhost:3000/callback")
    redeemed = token(pair.b.url, **form)
    assert redeemed.status_code == 200, redeemed.text
    assert client(pair.b).get_user(AccessToken=redeemed.json()["access_token"])["Username"] \
        == "alice"
    # Single use across instances: A refuses the code B redeemed.
    again = token(pair.a.url, **form)
    assert again.status_code == 400 and again.json()["error"] == "invalid_grant"


def test_kill_9_of_a_leaves_b_serving_everything(pair):
    a, b = client(pair.a), client(pair.b)
    pool, app = _pool_and_client(a)
    names = [f"user{n}" for n in range(12)]
    done = []

    def create(name):
        a.admin_create_user(UserPoolId=pool["Id"], Username=name, MessageAction="SUPPRESS",
                            TemporaryPassword="Temp0rary!")
        a.admin_set_user_password(UserPoolId=pool["Id"], Username=name, Password=PASSWORD,
                                  Permanent=True)
        done.append(name)      # acknowledged by A

    threads = [threading.Thread(target=create, args=(n,)) for n in names]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    a.sign_up(ClientId=app["ClientId"], Username="late", Password=PASSWORD,
              UserAttributes=attrs(email="late@example.com"))
    pair.a.stop(9)
    listed = {u["Username"] for u in b.list_users(UserPoolId=pool["Id"])["Users"]}
    assert set(done) | {"late"} <= listed
    for name in done:
        b.initiate_auth(ClientId=app["ClientId"], AuthFlow="USER_PASSWORD_AUTH",
                        AuthParameters={"USERNAME": name, "PASSWORD": PASSWORD})
    code = inbox(pair.b.url, pool, "late")[-1]["code"]
    b.confirm_sign_up(ClientId=app["ClientId"], Username="late", ConfirmationCode=code)


# An instance that starts a deploy and dies before doing the work: the service's own code
# (cfn.stacks.deploy with a `start` that never runs it) on the same database, then exit.
_DIES_MID_DEPLOY = """
import os, sys
from cfn_cognito.cfn import stacks
from cfn_cognito.config import Settings
from cfn_cognito.context import Context
from cfn_cognito.store import open_store
store = open_store(sys.argv[1], sys.argv[2])
answer = stacks.deploy(Context(Settings(), store), {"StackName": "orphan",
                       "TemplateBody": sys.stdin.read()}, start=lambda work: None)
print(answer["StackStatus"], flush=True)
os._exit(0)
"""


def test_a_stack_left_in_progress_by_a_dead_instance_is_settled_by_a_live_one(pair, tmp_path):
    died = subprocess.run([sys.executable, "-c", _DIES_MID_DEPLOY, str(tmp_path),
                           pair.database_url], input=STACK, capture_output=True, text=True,
                          timeout=60)
    assert died.stdout.strip() == "CREATE_IN_PROGRESS", died.stderr
    cfn = client(pair.b, "cloudformation")
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        status = cfn.describe_stacks(StackName="orphan")["Stacks"][0]["StackStatus"]
        if status != "CREATE_IN_PROGRESS":
            break
        time.sleep(0.5)
    assert status == "CREATE_FAILED"
    # Settled, it can be deleted (a stack still in progress could not).
    cfn.delete_stack(StackName="orphan")
    assert error_of(cfn.describe_stacks, StackName="orphan")[0] == "ValidationError"


def test_instances_starting_together_on_a_fresh_database_migrate_once(postgres_cluster):
    url = postgres_cluster.create_database()
    servers = [LocalCognito(database_url=url) for _ in range(3)]
    starters = [threading.Thread(target=s.start) for s in servers]
    try:
        for t in starters:
            t.start()
        for t in starters:
            t.join()
        for s in servers:
            assert s.process is not None and s.process.poll() is None, s.log()
        pool = client(servers[0]).create_user_pool(PoolName="fresh")["UserPool"]
        assert client(servers[1]).describe_user_pool(UserPoolId=pool["Id"])
    finally:
        for s in servers:
            s.close()
        postgres_cluster.drop_database(url)
