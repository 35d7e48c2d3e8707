//! One SSH connection: its login (password or public key), and for each session
//! channel the pty it asked for and the locale variables the client sent (`LANG`,
//! `LC_ALL`, `LC_MESSAGES`: the session's language); a shell request with a pty starts a
//! kubic session, anything else gets a one-line refusal. A direct-tcpip channel
//! (`ssh -L`) is a port-forward made as the logged-in user.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;

use russh::keys::PublicKey;
use russh::server::{Auth, ChannelOpenHandle, Handler, Msg, PublicKeyOffer, Session, VerifiedPublicKey};
use russh::{Channel, ChannelId, Pty as PtyMode};

use super::forward::{self, Request};
use super::session_task::{self, Pty, cells};
use super::shared::Shared;
use crate::config::i18n::Lang;
use crate::model::login::Login;

/// What kubic says to a session it will not run.
const NEEDS_PTY: &str = "kubic needs a terminal: connect with ssh -t (and no command)";
const NO_COMMANDS: &str = "kubic serve runs only the dashboard: connect without a command";

/// The state of one client connection.
pub struct Connection {
    shared: Arc<Shared>,
    peer: Option<SocketAddr>,
    login: Option<Login>,
    channels: HashMap<ChannelId, Opened>,
}

/// A session channel before its shell starts.
struct Opened {
    channel: Option<Channel<Msg>>,
    pty: Option<Pty>,
    /// `LC_ALL`, `LC_MESSAGES` and `LANG` as the client sent them.
    locale: [Option<String>; 3],
}

/// The environment variables a client may send, the only ones kept: which language the
/// session speaks.
const LOCALE_VARIABLES: [&str; 3] = ["LC_ALL", "LC_MESSAGES", "LANG"];

impl Connection {
    pub fn new(shared: Arc<Shared>, peer: Option<SocketAddr>) -> Connection {
        Connection {
            shared,
            peer,
            login: None,
            channels: HashMap::new(),
        }
    }

    /// Says `line` on the channel and closes it.
    fn refuse(session: &mut Session, channel: ChannelId, line: &str) -> Result<(), russh::Error> {
        session.data(channel, format!("{line}\r\n").into_bytes())?;
        session.exit_status_request(channel, 1)?;
        session.eof(channel)?;
        session.close(channel)
    }

    /// The client's address as the audit trail and `:sessions` show it.
    fn source(&self) -> String {
        self.peer.map_or_else(|| "-".to_string(), |peer| peer.to_string())
    }

    fn accepted(&mut self, login: Option<Login>) -> Auth {
        match login {
            Some(login) => {
                self.login = Some(login);
                Auth::Accept
            }
            None => Auth::reject(),
        }
    }
}

impl Handler for Connection {
    type Error = russh::Error;

    async fn auth_password(&mut self, user: &str, password: &str) -> Result<Auth, Self::Error> {
        let from = self.peer.map(|peer| peer.ip());
        let login = self.shared.auth.password(user, password, from).await;
        Ok(self.accepted(login))
    }

    async fn auth_publickey_offered(&mut self, user: &str, offer: PublicKeyOffer<'_>) -> Result<Auth, Self::Error> {
        let known = self.shared.auth.knows_key(user, offer.public_key).await;
        Ok(if known { Auth::Accept } else { Auth::reject() })
    }

    async fn auth_publickey(&mut self, user: &str, key: VerifiedPublicKey<'_>) -> Result<Auth, Self::Error> {
        let from = self.peer.map(|peer| peer.ip());
        let public_key: &PublicKey = key.public_key;
        let login = self.shared.auth.public_key(user, public_key, from).await;
        Ok(self.accepted(login))
    }

    async fn channel_open_session(
        &mut self,
        channel: Channel<Msg>,
        reply: ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        let id = channel.id();
        self.channels.insert(
            id,
            Opened {
                channel: Some(channel),
                pty: None,
                locale: Default::default(),
            },
        );
        reply.accept().await;
        Ok(())
    }

    async fn channel_open_direct_tcpip(
        &mut self,
        channel: Channel<Msg>,
        host_to_connect: &str,
        port_to_connect: u32,
        originator_address: &str,
        originator_port: u32,
        reply: ChannelOpenHandle,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        let Some(login) = self.login.clone() else {
            reply
                .reject(russh::ChannelOpenFailure::AdministrativelyProhibited)
                .await;
            return Ok(());
        };
        let request = Request {
            host: host_to_connect.to_string(),
            port: port_to_connect,
            from: format!("{originator_address}:{originator_port}"),
            source: self.source(),
        };
        tokio::spawn(forward::serve(Arc::clone(&self.shared), login, request, channel, reply));
        Ok(())
    }

    async fn pty_request(
        &mut self,
        channel: ChannelId,
        term: &str,
        col_width: u32,
        row_height: u32,
        _pix_width: u32,
        _pix_height: u32,
        _modes: &[(PtyMode, u32)],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        let Some(opened) = self.channels.get_mut(&channel) else {
            return session.channel_failure(channel);
        };
        opened.pty = Some(Pty {
            term: term.to_string(),
            width: cells(col_width),
            height: cells(row_height),
            lang: None,
        });
        session.channel_success(channel)
    }

    async fn env_request(
        &mut self,
        channel: ChannelId,
        variable_name: &str,
        variable_value: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        let (Some(opened), Some(index)) = (
            self.channels.get_mut(&channel),
            LOCALE_VARIABLES.iter().position(|name| *name == variable_name),
        ) else {
            return session.channel_failure(channel);
        };
        opened.locale[index] = Some(variable_value.chars().take(64).collect());
        session.channel_success(channel)
    }

    async fn window_change_request(
        &mut self,
        channel: ChannelId,
        col_width: u32,
        row_height: u32,
        _pix_width: u32,
        _pix_height: u32,
        _session: &mut Session,
    ) -> Result<(), Self::Error> {
        // Before the shell starts, the size is the pty's; after, the session reads it
        // from its channel.
        if let Some(pty) = self.channels.get_mut(&channel).and_then(|opened| opened.pty.as_mut()) {
            pty.width = cells(col_width);
            pty.height = cells(row_height);
        }
        Ok(())
    }

    async fn shell_request(&mut self, channel: ChannelId, session: &mut Session) -> Result<(), Self::Error> {
        let Some(opened) = self.channels.remove(&channel) else {
            return session.channel_failure(channel);
        };
        let (Some(mut pty), Some(login), Some(ssh_channel)) = (opened.pty, self.login.clone(), opened.channel) else {
            session.channel_success(channel)?;
            return Self::refuse(session, channel, NEEDS_PTY);
        };
        let [lc_all, lc_messages, lang] = opened.locale;
        pty.lang = Lang::from_env_values(lc_all, lc_messages, lang);
        let entry = match self.shared.registry.add(&login.user, &self.source()) {
            Ok(entry) => entry,
            Err(why) => {
                session.channel_success(channel)?;
                return Self::refuse(session, channel, &format!("kubic: {why}"));
            }
        };
        session.channel_success(channel)?;
        tokio::spawn(session_task::run(
            Arc::clone(&self.shared),
            ssh_channel,
            pty,
            login,
            entry,
        ));
        Ok(())
    }

    async fn exec_request(
        &mut self,
        channel: ChannelId,
        _data: &[u8],
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.channels.remove(&channel);
        session.channel_success(channel)?;
        Self::refuse(session, channel, NO_COMMANDS)
    }

    async fn subsystem_request(
        &mut self,
        channel: ChannelId,
        _name: &str,
        session: &mut Session,
    ) -> Result<(), Self::Error> {
        self.channels.remove(&channel);
        session.channel_failure(channel)
    }

    async fn channel_close(&mut self, channel: ChannelId, _session: &mut Session) -> Result<(), Self::Error> {
        self.channels.remove(&channel);
        Ok(())
    }
}
