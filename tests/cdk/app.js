// A small CDK app for the end-to-end tests (tests/e2e/cloudformation/test_cdk.py), synthesized by the real
// aws-cdk-lib and deployed unchanged into cfn-cognito. `node app.js` writes the cloud
// assembly to $CDK_OUTDIR (default ./cdk.out), as `cdk synth` would.
//
//   CognitoApp  a pool (email sign-in, a custom attribute), a client with the hosted UI, a
//               domain, a group, a Google identity provider, a RestApi with a Cognito
//               authorizer in front of a Python function (asset directory) and a Node
//               function (inline code), and an HttpApi with a user-pool authorizer
//   RetainApp   a pool with the CDK's default removal policy (Retain)
//   CustomApp   an AwsCustomResource (Custom::AWS), which cfn-cognito refuses

const path = require('path');
const cdk = require('aws-cdk-lib');
const cognito = require('aws-cdk-lib/aws-cognito');
const lambda = require('aws-cdk-lib/aws-lambda');
const apigw = require('aws-cdk-lib/aws-apigateway');
const apigwv2 = require('aws-cdk-lib/aws-apigatewayv2');
const authorizers = require('aws-cdk-lib/aws-apigatewayv2-authorizers');
const integrations = require('aws-cdk-lib/aws-apigatewayv2-integrations');
const cr = require('aws-cdk-lib/custom-resources');

const CALLBACK = 'http://localhost:3000/callback';
const DOMAIN_PREFIX = process.env.CDK_DOMAIN_PREFIX || 'cdk-test-app';

// analyticsReporting adds AWS::CDK::Metadata, as `cdk synth` does by default.
const app = new cdk.App({
  outdir: process.env.CDK_OUTDIR || path.join(__dirname, 'cdk.out'),
  analyticsReporting: true,
});

const stack = new cdk.Stack(app, 'CognitoApp');
const pool = new cognito.UserPool(stack, 'Pool', {
  signInAliases: { email: true },
  autoVerify: { email: true },
  selfSignUpEnabled: true,
  customAttributes: { team: new cognito.StringAttribute({ mutable: true }) },
  removalPolicy: cdk.RemovalPolicy.DESTROY,
});
const google = new cognito.UserPoolIdentityProviderGoogle(stack, 'Google', {
  userPool: pool,
  clientId: 'google-client-id',
  clientSecretValue: cdk.SecretValue.unsafePlainText('google-client-secret'),
  scopes: ['openid', 'email'],
  attributeMapping: { email: cognito.ProviderAttribute.GOOGLE_EMAIL },
});
const client = pool.addClient('Web', {
  authFlows: { userPassword: true, userSrp: true },
  oAuth: {
    flows: { authorizationCodeGrant: true },
    scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
    callbackUrls: [CALLBACK],
    logoutUrls: ['http://localhost:3000/'],
  },
  supportedIdentityProviders: [
    cognito.UserPoolClientIdentityProvider.COGNITO,
    cognito.UserPoolClientIdentityProvider.GOOGLE,
  ],
});
client.node.addDependency(google);
const domain = pool.addDomain('Domain', { cognitoDomain: { domainPrefix: DOMAIN_PREFIX } });
new cognito.CfnUserPoolGroup(stack, 'Admins', {
  userPoolId: pool.userPoolId, groupName: 'admins', precedence: 1,
});

const pythonFn = new lambda.Function(stack, 'PythonFn', {
  runtime: lambda.Runtime.PYTHON_3_12,
  handler: 'handler.handler',
  code: lambda.Code.fromAsset(path.join(__dirname, 'python-fn')),
});
const nodeFn = new lambda.Function(stack, 'NodeFn', {
  runtime: lambda.Runtime.NODEJS_22_X,
  handler: 'index.handler',
  code: lambda.Code.fromInline(
    'exports.handler = async (event) => ({ statusCode: 200, ' +
    'body: JSON.stringify({ runtime: "node", authorizer: event.requestContext.authorizer }) });'),
});

const rest = new apigw.RestApi(stack, 'Rest');
const restAuth = new apigw.CognitoUserPoolsAuthorizer(stack, 'RestAuth', { cognitoUserPools: [pool] });
const secured = { authorizer: restAuth, authorizationType: apigw.AuthorizationType.COGNITO };
rest.root.addResource('python').addMethod('GET', new apigw.LambdaIntegration(pythonFn), secured);
rest.root.addResource('node').addMethod('GET', new apigw.LambdaIntegration(nodeFn), secured);

const http = new apigwv2.HttpApi(stack, 'Http');
http.addRoutes({
  path: '/me',
  methods: [apigwv2.HttpMethod.GET],
  integration: new integrations.HttpLambdaIntegration('NodeMe', nodeFn),
  authorizer: new authorizers.HttpUserPoolAuthorizer('PoolAuthorizer', pool, {
    userPoolClients: [client],
  }),
});

new cdk.CfnOutput(stack, 'UserPoolId', { value: pool.userPoolId });
new cdk.CfnOutput(stack, 'UserPoolClientId', { value: client.userPoolClientId });
new cdk.CfnOutput(stack, 'HostedUiBaseUrl', { value: domain.baseUrl() });
new cdk.CfnOutput(stack, 'RestUrl', { value: rest.url });
new cdk.CfnOutput(stack, 'HttpUrl', { value: http.apiEndpoint });

const retained = new cdk.Stack(app, 'RetainApp');
const keptPool = new cognito.UserPool(retained, 'KeptPool', { userPoolName: 'kept-by-retain' });
new cdk.CfnOutput(retained, 'UserPoolId', { value: keptPool.userPoolId });

const custom = new cdk.Stack(app, 'CustomApp');
new cr.AwsCustomResource(custom, 'DescribePool', {
  onCreate: {
    service: 'CognitoIdentityServiceProvider',
    action: 'describeUserPool',
    parameters: { UserPoolId: 'us-east-1_example' },
    physicalResourceId: cr.PhysicalResourceId.of('describe-pool'),
  },
  policy: cr.AwsCustomResourcePolicy.fromSdkCalls({ resources: cr.AwsCustomResourcePolicy.ANY_RESOURCE }),
});

app.synth();
