// The user-assigned identity the Function App runs as: the host and Gongkai's code authenticate to Storage and
// Application Insights with it, so no key or connection string with a secret is ever set.
param name string
param location string
param tags object = {}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output name string = identity.name
output clientId string = identity.properties.clientId
output principalId string = identity.properties.principalId
