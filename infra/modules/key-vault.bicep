// Key Vault (RBAC mode) holding every CourseHub secret. The container apps reference the secrets
// with the managed identity (Key Vault Secrets User); nothing secret is written into an app's
// definition. Purge protection stays off so `azd down --purge` can remove the vault for good.
param name string
param location string
param tags object

@description('Principal id of the managed identity the container apps run as.')
param readerPrincipalId string

@description('Optional: principal id of the person deploying (azd fills AZURE_PRINCIPAL_ID), granted Key Vault Secrets Officer to read and rotate secrets.')
param administratorPrincipalId string = ''

var secretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'
var secretsOfficerRoleId = 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    publicNetworkAccess: 'Enabled'
  }
}

resource appsReadSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, readerPrincipalId, secretsUserRoleId)
  scope: vault
  properties: {
    principalId: readerPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', secretsUserRoleId)
  }
}

resource administratorManagesSecrets 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(administratorPrincipalId)) {
  name: guid(vault.id, administratorPrincipalId, secretsOfficerRoleId)
  scope: vault
  properties: {
    principalId: administratorPrincipalId
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', secretsOfficerRoleId)
  }
}

output name string = vault.name
output uri string = vault.properties.vaultUri
