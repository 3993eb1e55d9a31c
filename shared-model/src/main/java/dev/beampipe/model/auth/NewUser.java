package dev.beampipe.model.auth;

/** What {@code beampipe admin create-user} and {@code setup} insert; the password is hashed before storage. */
public record NewUser(String username, String email, String name, String password, boolean superuser) {

    @Override
    public String toString() {
        return "NewUser[" + username + "]";
    }
}
