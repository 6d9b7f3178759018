package main

// sealedElsewhere seals the daemon whose session se found the vault
// sealed through another daemon on the same database
// (vault.ErrSealedElsewhere), as a seal request would, without an entry
// of its own: the seal through the other daemon has one. The requests
// that find it meanwhile are refused by the vault. It ends the session in
// the background, since the request that found it is one of the calls
// that the end waits for.
func (s *server) sealedElsewhere(se *session) {
	go func() {
		s.sealMu.Lock()
		defer s.sealMu.Unlock()
		if s.cur.Load() != se {
			return // sealed already, by another request or a seal
		}
		cut, err := s.endSession(se)
		s.cfg.log.Warn("sealed through another daemon", "canceled", cut)
		if err != nil {
			s.cfg.log.Error("closing the vault", "error", err.Error())
		}
	}()
}
