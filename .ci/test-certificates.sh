# shellcheck shell=bash
# A certificate authority of the run's own and a server certificate it signed for 127.0.0.1: the packaged Api trusts the
# authority as it trusts RDS's in AWS, and verifies the private PostgreSQL's certificate (VerifyFull) with it. Sourced
# by .ci/run:
#   make_test_certificates <folder>   writes ca.pem, server.crt and server.key there

make_test_certificates() {
  local folder=$1
  openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=Orders test certificate authority" \
    -keyout "$folder/ca.key" -out "$folder/ca.pem" 2>/dev/null || return 1
  openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" -keyout "$folder/server.key" -out "$folder/server.csr" 2>/dev/null || return 1
  openssl x509 -req -in "$folder/server.csr" -CA "$folder/ca.pem" -CAkey "$folder/ca.key" -CAcreateserial -days 1 \
    -extfile <(printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\n') -out "$folder/server.crt" 2>/dev/null || return 1
  rm -f "$folder/ca.key" "$folder/server.csr" "$folder/ca.srl"
}
