// Azure Database for PostgreSQL Flexible Server with the `coursehub` database and the extensions
// the schema needs (full-text search, typo tolerance, booking exclusion constraints) allow-listed.
param name string
param location string
param tags object

param administratorLogin string

@secure()
param administratorPassword string

param skuName string
@allowed([
  'Burstable'
  'GeneralPurpose'
  'MemoryOptimized'
])
param skuTier string
param storageSizeGB int
param version string
param databaseName string

resource server 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: name
  location: location
  tags: tags
  sku: {
    name: skuName
    tier: skuTier
  }
  properties: {
    version: version
    administratorLogin: administratorLogin
    administratorLoginPassword: administratorPassword
    authConfig: {
      activeDirectoryAuth: 'Disabled'
      passwordAuth: 'Enabled'
    }
    storage: {
      storageSizeGB: storageSizeGB
      autoGrow: 'Enabled'
    }
    backup: {
      backupRetentionDays: 7
      geoRedundantBackup: 'Disabled'
    }
    highAvailability: {
      mode: 'Disabled'
    }
    network: {
      publicNetworkAccess: 'Enabled'
    }
  }
}

// The server accepts one change at a time, so the children are chained.
// Extensions the migrations create: pg_trgm (typo-tolerant search), btree_gist (exclusion
// constraints for live-class bookings), unaccent (accent-insensitive search).
resource extensions 'Microsoft.DBforPostgreSQL/flexibleServers/configurations@2024-08-01' = {
  parent: server
  name: 'azure.extensions'
  properties: {
    value: 'PG_TRGM,BTREE_GIST,UNACCENT'
    source: 'user-override'
  }
}

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = {
  parent: server
  name: databaseName
  properties: {
    charset: 'UTF8'
    collation: 'en_US.utf8'
  }
  dependsOn: [
    extensions
  ]
}

// Container Apps on the Consumption plan have no fixed outbound address: allow Azure-internal
// traffic (the special 0.0.0.0 rule). Use a virtual network and private access for stricter setups.
resource allowAzureServices 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2024-08-01' = {
  parent: server
  name: 'AllowAllAzureServicesAndResourcesWithinAzureIps'
  properties: {
    startIpAddress: '0.0.0.0'
    endIpAddress: '0.0.0.0'
  }
  dependsOn: [
    database
  ]
}

output name string = server.name
output host string = server.properties.fullyQualifiedDomainName
output databaseName string = database.name
