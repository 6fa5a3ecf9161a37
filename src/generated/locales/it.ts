
    // Do not modify this file by hand!
    // Re-generate this file by running lit-localize

    
    import {str} from '@lit/localize';

    /* eslint-disable no-irregular-whitespace */
    /* eslint-disable @typescript-eslint/no-explicit-any */

    export const templates = {
      's0095c6e4b08db45e': `Legittimo interesse`,
's04611870ce224465': `Le sue preferenze sono memorizzate in questo browser.`,
's0732eb767a637c3a': str`Novità dall’ultima volta che ha espresso le sue preferenze: ${0}. Le nuove preferenze restano disattivate finché non le attiva.`,
's091d5807b5b33550': `Attivato`,
's0eb5eecd79dcc9c4': `La tua scelta vale solo per questa pagina: non è stato possibile salvarla. Te lo chiederemo di nuovo alla prossima visita.`,
's14bac751bc97252d': `Leggi l’informativa aggiornata`,
's1c7d83e8dc6b85de': `Salvato.`,
's283d65e75a4154fb': str`Scelga come ${0} può utilizzare i suoi dati.`,
's28ef86af709a96b1': `Necessario all’esecuzione di un contratto`,
's29e4258a1c991372': `necessario per fornire il servizio che ha richiesto.`,
's302cbb19bf9a174a': `Disattivato`,
's355b21b89ce5d9c5': `Dettagli`,
's3741f519c32ac391': `Nuovo`,
's381abd94d77446ee': `Accetta tutto`,
's3a9fa3b3adde7606': `La nostra informativa sulla privacy è cambiata dall’ultima volta che ha espresso le sue preferenze.`,
's3e82476755408fa8': `Non ancora salvato. Riproveremo automaticamente.`,
's530b45f34bc38105': `è un obbligo di legge.`,
's59b2add8e4e6495f': `Preferenze sulla privacy`,
's5e8250fb85d64c23': `Chiudi`,
's634d771ed29b5666': `Il suo vantaggio:`,
's6e1df6e3b595f3fe': `Periodo di conservazione`,
's70244822d60d116e': str`Ultimo salvataggio: ${0}.`,
's73b120aabf2a8c48': `Per domande:`,
's8983b5b15dcc6b45': `Questo sito vorrebbe utilizzare i suoi dati per alcuni scopi, ognuno dei quali le offre qualcosa in cambio. Nulla di facoltativo viene attivato finché non dà il suo consenso.`,
's8fe24de46f64a17f': str`Disattivato: ${0}. Ciò che è già in esecuzione in questa pagina si interrompe quando la lascia o la ricarica.`,
's978d8809e7bfc75d': `Sempre attivo:`,
'sa36af41d93422ffc': `Base giuridica`,
'sa4e762184e42bacb': str`: ${0}`,
'sa5a9c5f8e6e37cf4': `Destinatari`,
'sac5909872ad0f1e0': `Scelga come questo sito può utilizzare i suoi dati.`,
'saeb40fa1f66d2e62': str`${0} vorrebbe utilizzare i suoi dati per alcuni scopi, ognuno dei quali le offre qualcosa in cambio. Nulla di facoltativo viene attivato finché non dà il suo consenso.`,
'sb060188bb28bfa9f': `Salvataggio in corso…`,
'sb44b243e7c232061': str`Il suo browser ha inviato un segnale Global Privacy Control, quindi abbiamo disattivato: ${0}. Può riattivare queste preferenze in qualsiasi momento.`,
'sbea3a5ad07a3cc06': `Non siamo riusciti a salvare questa modifica, che resta comunque valida in questo browser. Riprovi o ci contatti.`,
'scd1dd6ff53d0d01a': `Riprova`,
'sd00bf7b24721fc03': `Non è possibile mostrare queste preferenze sulla privacy perché la configurazione del sito presenta un problema.`,
'sd1774c4d7aa6098d': `Come utilizziamo i suoi dati`,
'sd24af6ce52e12f7a': `Questo browser non può conservare le sue preferenze finché non vengono salvate: se lascia questa pagina prima, andranno perse.`,
'sd96c9cb69fa8bc00': `Caricamento delle preferenze sulla privacy…`,
'sdb577f3dd64fb971': `Disattivare una preferenza è facile quanto attivarla, e può cambiare idea in qualsiasi momento.`,
'se03f1482537e2035': `Obbligo di legge`,
'se700659811e2115b': `Non ancora salvato. Riproveremo alla sua prossima visita.`,
'se73a2a54e168a016': `Le sue preferenze sulla privacy`,
'sef4999e4b768721f': `Informativa sulla privacy`,
'sf5fa72579cf6eb96': `Scegli cosa consentire`,
'sf7668d18350420c0': `Il suo consenso`,
'sfac6c47782e36896': `Dati utilizzati`,
'sfb5cd72ffdee7e49': `Rifiuta tutto`,
'sfc772e39bffc7d31': `necessario per il funzionamento del sito.`,
'sfd711d8589724809': `Scarica le mie preferenze`,
'summary.few': str`Ha attivato ${0} su ${1} utilizzi facoltativi.`,
'summary.many': str`Ha attivato ${0} su ${1} di utilizzi facoltativi.`,
'summary.one': str`Ha attivato ${0} su ${1} utilizzo facoltativo.`,
'summary.other': str`Ha attivato ${0} su ${1} utilizzi facoltativi.`,
'summary.two': str`Ha attivato ${0} su ${1} utilizzi facoltativi.`,
'summary.zero': str`Ha attivato ${0} su ${1} utilizzi facoltativi.`,
    };
  