package io.github.cognitoemailotp.client.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.DescribeUserPoolClientRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.DescribeUserPoolClientResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.DescribeUserPoolRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.DescribeUserPoolResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GetUserPoolMfaConfigRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.GetUserPoolMfaConfigResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListUserPoolClientsRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListUserPoolClientsResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListUsersRequest;
import software.amazon.awssdk.services.cognitoidentityprovider.model.ListUsersResponse;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientDescription;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolClientType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserPoolType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;

/**
 * A user pool as the audit's calls see it: one pool, its MFA configuration, its users in
 * FORCE_CHANGE_PASSWORD (answered a page at a time, as ListUsers does) and its app clients. Every
 * other operation throws, as the interface's defaults do.
 */
final class FakeCognito implements CognitoIdentityProviderClient {

  UserPoolType pool;
  String mfaConfiguration = "OFF";
  int usersToChangePassword;
  int pageSize = 60;
  final Map<String, UserPoolClientType> clients = new java.util.LinkedHashMap<>();
  final List<ListUsersRequest> listUsersRequests = new ArrayList<>();

  FakeCognito(UserPoolType pool) {
    this.pool = pool;
  }

  @Override
  public DescribeUserPoolResponse describeUserPool(DescribeUserPoolRequest request) {
    return DescribeUserPoolResponse.builder().userPool(pool).build();
  }

  @Override
  public GetUserPoolMfaConfigResponse getUserPoolMfaConfig(GetUserPoolMfaConfigRequest request) {
    return GetUserPoolMfaConfigResponse.builder().mfaConfiguration(mfaConfiguration).build();
  }

  @Override
  public ListUsersResponse listUsers(ListUsersRequest request) {
    listUsersRequests.add(request);
    if (!PoolAudit.FORCE_CHANGE_PASSWORD_FILTER.equals(request.filter())) {
      throw new IllegalArgumentException("unexpected filter " + request.filter());
    }
    int from = request.paginationToken() == null ? 0 : Integer.parseInt(request.paginationToken());
    int to = Math.min(usersToChangePassword, from + Math.min(pageSize, request.limit()));
    List<UserType> users = new ArrayList<>();
    for (int i = from; i < to; i++) {
      users.add(
          UserType.builder().username("user-" + i).userStatus("FORCE_CHANGE_PASSWORD").build());
    }
    return ListUsersResponse.builder()
        .users(users)
        .paginationToken(to < usersToChangePassword ? Integer.toString(to) : null)
        .build();
  }

  @Override
  public ListUserPoolClientsResponse listUserPoolClients(ListUserPoolClientsRequest request) {
    return ListUserPoolClientsResponse.builder()
        .userPoolClients(
            clients.keySet().stream()
                .map(id -> UserPoolClientDescription.builder().clientId(id).build())
                .toList())
        .build();
  }

  @Override
  public DescribeUserPoolClientResponse describeUserPoolClient(
      DescribeUserPoolClientRequest request) {
    return DescribeUserPoolClientResponse.builder()
        .userPoolClient(clients.get(request.clientId()))
        .build();
  }

  @Override
  public String serviceName() {
    return "cognito-idp";
  }

  @Override
  public void close() {}
}
