// Blob storage for avatars, course media, video renditions, attachments and certificates.
// Shared-key access is disabled: the services sign in with the managed identity (Storage Blob
// Data Contributor), and SAS URLs for users must be user-delegation SAS.
param name string
param location string
param tags object

@description('Principal id of the managed identity that reads and writes blobs.')
param dataContributorPrincipalId string

@description('Blob containers the services use.')
param containerNames array

var blobDataContributorRoleId = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    publicNetworkAccess: 'Enabled'
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
  properties: {
    deleteRetentionPolicy: {
      enabled: true
      days: 7
    }
  }
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = [for containerName in containerNames: {
  parent: blobService
  name: containerName
  properties: {
    publicAccess: 'None'
  }
}]

resource blobDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(account.id, dataContributorPrincipalId, blobDataContributorRoleId)
  scope: account
  properties: {
    principalId: dataContributorPrincipalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', blobDataContributorRoleId)
  }
}

output name string = account.name
@description('Blob service URI, e.g. https://<account>.blob.core.windows.net/ — what ConnectionStrings__blobs holds in Azure.')
output blobEndpoint string = account.properties.primaryEndpoints.blob
