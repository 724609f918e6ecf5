package dev.mailroom.security;

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

    @Override
    public UserDetails loadUserByUsername(String username) {
        return accounts.find(username.strip())
                .map(MailroomUser::new)
                .orElseThrow(() -> new UsernameNotFoundException("Unknown account"));
    }
}
