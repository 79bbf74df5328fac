// Azure Cache for Redis (TLS only, port 6380): cache, SignalR backplane, presence, rate limits,
// data-protection keys.
param name string
param location string
param tags object

@allowed([
  'Basic'
  'Standard'
  'Premium'
])
param skuName string
@allowed([
  'C'
  'P'
])
param skuFamily string
param skuCapacity int

resource redis 'Microsoft.Cache/redis@2024-03-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    sku: {
      name: skuName
      family: skuFamily
      capacity: skuCapacity
    }
    enableNonSslPort: false
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
    redisConfiguration: {}
  }
}

output name string = redis.name
output host string = redis.properties.hostName
output sslPort int = redis.properties.sslPort
