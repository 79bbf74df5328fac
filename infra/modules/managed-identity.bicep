// The one user-assigned managed identity every CourseHub container app runs as. It pulls images
// from the registry, reads Key Vault secrets and reads/writes blobs; the apps get its client id
// in AZURE_CLIENT_ID so DefaultAzureCredential picks it.
param name string
param location string
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output name string = identity.name
output clientId string = identity.properties.clientId
output principalId string = identity.properties.principalId
