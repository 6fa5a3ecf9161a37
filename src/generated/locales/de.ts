
    // Do not modify this file by hand!
    // Re-generate this file by running lit-localize

    
    import {str} from '@lit/localize';

    /* eslint-disable no-irregular-whitespace */
    /* eslint-disable @typescript-eslint/no-explicit-any */

    export const templates = {
      's0095c6e4b08db45e': `Berechtigtes Interesse`,
's04611870ce224465': `Ihre Einstellungen werden in diesem Browser gespeichert.`,
's0732eb767a637c3a': str`Neu seit Ihrer letzten Entscheidung: ${0}. Neue Einstellungen bleiben ausgeschaltet, bis Sie sie einschalten.`,
's091d5807b5b33550': `An`,
's0eb5eecd79dcc9c4': `Ihre Auswahl gilt nur auf dieser Seite: Sie konnte nicht gespeichert werden. Wir fragen Sie bei Ihrem nächsten Besuch erneut.`,
's14bac751bc97252d': `Aktualisierte Datenschutzerklärung lesen`,
's1c7d83e8dc6b85de': `Gespeichert.`,
's283d65e75a4154fb': str`Legen Sie fest, wie ${0} Ihre Daten verwenden darf.`,
's28ef86af709a96b1': `Zur Vertragserfüllung erforderlich`,
's29e4258a1c991372': `erforderlich, um den von Ihnen gewünschten Service zu erbringen.`,
's302cbb19bf9a174a': `Aus`,
's355b21b89ce5d9c5': `Details`,
's3741f519c32ac391': `Neu`,
's381abd94d77446ee': `Alle akzeptieren`,
's3a9fa3b3adde7606': `Unsere Datenschutzerklärung hat sich geändert, seit Sie Ihre Einstellungen zuletzt festgelegt haben.`,
's3e82476755408fa8': `Noch nicht gespeichert. Wir versuchen es automatisch weiter.`,
's530b45f34bc38105': `gesetzlich vorgeschrieben.`,
's59b2add8e4e6495f': `Datenschutzeinstellungen`,
's5e8250fb85d64c23': `Schließen`,
's634d771ed29b5666': `Ihr Vorteil:`,
's6e1df6e3b595f3fe': `Speicherdauer`,
's70244822d60d116e': str`Zuletzt gespeichert: ${0}.`,
's73b120aabf2a8c48': `Fragen:`,
's8983b5b15dcc6b45': `Diese Website möchte Ihre Daten für einige Zwecke nutzen, die Ihnen jeweils einen Vorteil bringen. Optionales bleibt ausgeschaltet, bis Sie zustimmen.`,
's8fe24de46f64a17f': str`Ausgeschaltet: ${0}. Was auf dieser Seite bereits läuft, endet, sobald Sie die Seite verlassen oder neu laden.`,
's978d8809e7bfc75d': `Immer aktiv:`,
'sa36af41d93422ffc': `Rechtsgrundlage`,
'sa4e762184e42bacb': str`: ${0}`,
'sa5a9c5f8e6e37cf4': `Weitergegeben an`,
'sac5909872ad0f1e0': `Legen Sie fest, wie diese Website Ihre Daten verwenden darf.`,
'saeb40fa1f66d2e62': str`${0} möchte Ihre Daten für einige Zwecke nutzen, die Ihnen jeweils einen Vorteil bringen. Optionales bleibt ausgeschaltet, bis Sie zustimmen.`,
'sb060188bb28bfa9f': `Wird gespeichert …`,
'sb44b243e7c232061': str`Ihr Browser hat ein Global-Privacy-Control-Signal gesendet. Deshalb haben wir Folgendes ausgeschaltet: ${0}. Sie können das jederzeit wieder ändern.`,
'sbea3a5ad07a3cc06': `Wir konnten diese Änderung nicht speichern. In diesem Browser gilt sie trotzdem. Bitte versuchen Sie es erneut oder wenden Sie sich an uns.`,
'scd1dd6ff53d0d01a': `Erneut versuchen`,
'sd00bf7b24721fc03': `Die Datenschutzeinstellungen können nicht angezeigt werden, weil die Konfiguration der Website fehlerhaft ist.`,
'sd1774c4d7aa6098d': `Wie wir Ihre Daten verwenden`,
'sd24af6ce52e12f7a': `Dieser Browser kann Ihre Einstellungen erst aufbewahren, wenn sie gespeichert sind. Wenn Sie die Seite vorher verlassen, gehen sie verloren.`,
'sd96c9cb69fa8bc00': `Ihre Datenschutzeinstellungen werden geladen …`,
'sdb577f3dd64fb971': `Jede Einstellung lässt sich genauso leicht aus- wie einschalten, und Sie können es sich jederzeit anders überlegen.`,
'se03f1482537e2035': `Gesetzlich vorgeschrieben`,
'se700659811e2115b': `Noch nicht gespeichert. Wir versuchen es bei Ihrem nächsten Besuch erneut.`,
'se73a2a54e168a016': `Ihre Datenschutzeinstellungen`,
'sef4999e4b768721f': `Datenschutzerklärung`,
'sf5fa72579cf6eb96': `Einstellungen anpassen`,
'sf7668d18350420c0': `Ihre Einwilligung`,
'sfac6c47782e36896': `Verwendete Daten`,
'sfb5cd72ffdee7e49': `Alle ablehnen`,
'sfc772e39bffc7d31': `erforderlich, damit die Website funktioniert.`,
'sfd711d8589724809': `Meine Einstellungen herunterladen`,
'summary.few': str`Sie haben ${0} von ${1} optionalen Einstellungen eingeschaltet.`,
'summary.many': str`Sie haben ${0} von ${1} optionalen Einstellungen eingeschaltet.`,
'summary.one': str`Sie haben ${0} von ${1} optionalen Einstellung eingeschaltet.`,
'summary.other': str`Sie haben ${0} von ${1} optionalen Einstellungen eingeschaltet.`,
'summary.two': str`Sie haben ${0} von ${1} optionalen Einstellungen eingeschaltet.`,
'summary.zero': str`Sie haben ${0} von ${1} optionalen Einstellungen eingeschaltet.`,
    };
  