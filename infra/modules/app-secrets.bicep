// Writes every secret the services need into Key Vault, including the connection strings that
// carry a password (composed here, in the same formats the AppHost uses locally). The container
// apps only ever hold Key Vault references to these names.
param keyVaultName string

param postgresHost string
param postgresDatabase string
param postgresAdminLogin string
@secure()
param postgresAdminPassword string

param redisName string

@description('Host name of the RabbitMQ container app inside the Container Apps environment.')
param rabbitMqHost string
param rabbitMqUser string
@secure()
param rabbitMqPassword string

param smtpHost string
param smtpPort string
param smtpUser string
@secure()
param smtpPassword string

@secure()
param stripeSecretKey string
@secure()
param stripeWebhookSecret string

@description('The Api\'s JWT signing key: a PEM private key, base64-encoded so it survives environment variables and parameter files on one line.')
@secure()
param authSigningKeyPemBase64 string

@secure()
param adminEmail string
@secure()
param adminPassword string

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource redis 'Microsoft.Cache/redis@2024-03-01' existing = {
  name: redisName
}

resource postgresPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'postgres-admin-password'
  properties: {
    value: postgresAdminPassword
  }
}

// Npgsql connection-string syntax: the password is double-quoted (so it may contain ';'), a '"' in it doubled.
resource coursehubConnection 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'connectionstrings-coursehub'
  properties: {
    value: 'Host=${postgresHost};Port=5432;Username=${postgresAdminLogin};Password="${replace(postgresAdminPassword, '"', '""')}";Database=${postgresDatabase};SSL Mode=Require'
  }
}

resource redisConnection 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'connectionstrings-redis'
  properties: {
    value: '${redis.properties.hostName}:${redis.properties.sslPort},password=${redis.listKeys().primaryKey},ssl=True,abortConnect=False'
  }
}

resource rabbitMqPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'rabbitmq-password'
  properties: {
    value: rabbitMqPassword
  }
}

resource messagingConnection 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'connectionstrings-messaging'
  properties: {
    value: 'amqp://${uriComponent(rabbitMqUser)}:${uriComponent(rabbitMqPassword)}@${rabbitMqHost}:5672'
  }
}

resource smtpPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'smtp-password'
  properties: {
    value: smtpPassword
  }
}

resource mailConnection 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'connectionstrings-mail'
  properties: {
    value: 'Endpoint=smtp://${smtpHost}:${smtpPort};Username=${smtpUser};Password=${smtpPassword}'
  }
}

resource stripeSecretKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'stripe-secret-key'
  properties: {
    value: stripeSecretKey
  }
}

resource stripeWebhookSecretSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'stripe-webhook-secret'
  properties: {
    value: stripeWebhookSecret
  }
}

resource authSigningKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'auth-signing-key'
  properties: {
    value: base64ToString(authSigningKeyPemBase64)
    contentType: 'application/x-pem-file'
  }
}

resource adminEmailSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'admin-email'
  properties: {
    value: adminEmail
  }
}

resource adminPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'admin-password'
  properties: {
    value: adminPassword
  }
}
