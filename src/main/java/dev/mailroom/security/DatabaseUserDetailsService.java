package dev.mailroom.security;

import dev.mailroom.users.LoginAccount;
import dev.mailroom.users.LoginAccounts;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

@Service
class DatabaseUserDetailsService implements UserDetailsService {

    private final LoginAccounts accounts;

    DatabaseUserDetailsService(LoginAccounts accounts) {
        this.accounts = accounts;
    }

    /** The account's own address for a name typed at sign-in, or the name itself when no account has it. */
    String addressOf(String typed) {
        return accounts.find(typed.strip()).map(LoginAccount::email).orElse(typed);
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return accounts.find(username.strip())
                .map(MailroomUser::new)
                .orElseThrow(() -> new UsernameNotFoundException("Unknown account"));
    }
}
