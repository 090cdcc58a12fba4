/**
 * URL schemes of backing services: the service a URL names, and the environment variable a fix reads it from.
 * Any host in such a URL is environment-specific.
 */
export const SERVICE_SCHEMES: Record<string, { service: string; variable: string }> = {
  mongodb: { service: 'MongoDB', variable: 'MONGODB_URL' },
  'mongodb+srv': { service: 'MongoDB', variable: 'MONGODB_URL' },
  postgres: { service: 'PostgreSQL', variable: 'DATABASE_URL' },
  postgresql: { service: 'PostgreSQL', variable: 'DATABASE_URL' },
  mysql: { service: 'MySQL', variable: 'MYSQL_URL' },
  mysqlx: { service: 'MySQL', variable: 'MYSQL_URL' },
  mariadb: { service: 'MariaDB', variable: 'MARIADB_URL' },
  mssql: { service: 'SQL Server', variable: 'MSSQL_URL' },
  sqlserver: { service: 'SQL Server', variable: 'MSSQL_URL' },
  redis: { service: 'Redis', variable: 'REDIS_URL' },
  rediss: { service: 'Redis', variable: 'REDIS_URL' },
  memcached: { service: 'Memcached', variable: 'MEMCACHED_URL' },
  amqp: { service: 'RabbitMQ', variable: 'AMQP_URL' },
  amqps: { service: 'RabbitMQ', variable: 'AMQP_URL' },
  nats: { service: 'NATS', variable: 'NATS_URL' },
  kafka: { service: 'Kafka', variable: 'KAFKA_URL' },
  smtp: { service: 'SMTP', variable: 'SMTP_URL' },
  smtps: { service: 'SMTP', variable: 'SMTP_URL' },
  ldap: { service: 'LDAP', variable: 'LDAP_URL' },
  ldaps: { service: 'LDAP', variable: 'LDAP_URL' },
  ftp: { service: 'FTP', variable: 'FTP_URL' },
  sftp: { service: 'SFTP', variable: 'SFTP_URL' },
  couchdb: { service: 'CouchDB', variable: 'COUCHDB_URL' },
  cassandra: { service: 'Cassandra', variable: 'CASSANDRA_URL' },
  neo4j: { service: 'Neo4j', variable: 'NEO4J_URL' },
  bolt: { service: 'Neo4j', variable: 'NEO4J_URL' },
};
