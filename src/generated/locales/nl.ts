
    // Do not modify this file by hand!
    // Re-generate this file by running lit-localize

    
    import {str} from '@lit/localize';

    /* eslint-disable no-irregular-whitespace */
    /* eslint-disable @typescript-eslint/no-explicit-any */

    export const templates = {
      's0095c6e4b08db45e': `Gerechtvaardigd belang`,
's04611870ce224465': `Uw keuzes worden in deze browser bewaard.`,
's0732eb767a637c3a': str`Nieuw sinds uw laatste keuze: ${0}. Wat nieuw is, blijft uit totdat u het aanzet.`,
's091d5807b5b33550': `Aan`,
's0eb5eecd79dcc9c4': `Je keuze geldt alleen op deze pagina: hij kon niet worden opgeslagen. We vragen het je opnieuw bij je volgende bezoek.`,
's14bac751bc97252d': `Lees de bijgewerkte privacyverklaring`,
's1c7d83e8dc6b85de': `Opgeslagen.`,
's283d65e75a4154fb': str`Kies hoe ${0} uw gegevens mag gebruiken.`,
's28ef86af709a96b1': `Nodig voor de uitvoering van een overeenkomst met u`,
's29e4258a1c991372': `nodig om de dienst te leveren waar u om hebt gevraagd.`,
's302cbb19bf9a174a': `Uit`,
's355b21b89ce5d9c5': `Details`,
's3741f519c32ac391': `Nieuw`,
's381abd94d77446ee': `Alles accepteren`,
's3a9fa3b3adde7606': `Onze privacyverklaring is gewijzigd sinds u voor het laatst uw keuzes hebt gemaakt.`,
's3e82476755408fa8': `Nog niet opgeslagen. We blijven het automatisch proberen.`,
's530b45f34bc38105': `dit zijn we wettelijk verplicht.`,
's59b2add8e4e6495f': `Privacykeuzes`,
's5e8250fb85d64c23': `Sluiten`,
's634d771ed29b5666': `Wat het u oplevert:`,
's6e1df6e3b595f3fe': `Bewaartermijn`,
's70244822d60d116e': str`Laatst opgeslagen: ${0}.`,
's73b120aabf2a8c48': `Vragen:`,
's8983b5b15dcc6b45': `Deze website wil uw gegevens graag voor een paar dingen gebruiken, die u elk iets opleveren. Wat optioneel is, blijft uit tot u ja zegt.`,
's8fe24de46f64a17f': str`Uitgezet: ${0}. Wat al actief is op deze pagina, stopt zodra u de pagina verlaat of opnieuw laadt.`,
's978d8809e7bfc75d': `Altijd aan:`,
'sa36af41d93422ffc': `Rechtsgrond`,
'sa4e762184e42bacb': str`: ${0}`,
'sa5a9c5f8e6e37cf4': `Gedeeld met`,
'sac5909872ad0f1e0': `Kies hoe deze website uw gegevens mag gebruiken.`,
'saeb40fa1f66d2e62': str`${0} wil uw gegevens graag voor een paar dingen gebruiken, die u elk iets opleveren. Wat optioneel is, blijft uit tot u ja zegt.`,
'sb060188bb28bfa9f': `Opslaan…`,
'sb44b243e7c232061': str`Uw browser heeft een Global Privacy Control-signaal gestuurd. Daarom hebben we dit uitgezet: ${0}. U kunt dit altijd weer aanzetten.`,
'sbea3a5ad07a3cc06': `We konden deze wijziging niet opslaan. In deze browser geldt ze wel. Probeer het opnieuw of neem contact met ons op.`,
'scd1dd6ff53d0d01a': `Opnieuw proberen`,
'sd00bf7b24721fc03': `Deze privacykeuzes kunnen niet worden getoond, omdat er een probleem is met de configuratie van de website.`,
'sd1774c4d7aa6098d': `Hoe we uw gegevens gebruiken`,
'sd24af6ce52e12f7a': `Deze browser kan uw keuzes pas bewaren als ze zijn opgeslagen: als u deze pagina eerder verlaat, gaan ze verloren.`,
'sd96c9cb69fa8bc00': `Uw privacykeuzes worden geladen…`,
'sdb577f3dd64fb971': `Uitzetten gaat net zo makkelijk als aanzetten, en u kunt op elk moment van gedachten veranderen.`,
'se03f1482537e2035': `Wettelijke verplichting`,
'se700659811e2115b': `Nog niet opgeslagen. We proberen het bij uw volgende bezoek opnieuw.`,
'se73a2a54e168a016': `Uw privacykeuzes`,
'sef4999e4b768721f': `Privacyverklaring`,
'sf5fa72579cf6eb96': `Zelf kiezen`,
'sf7668d18350420c0': `Uw toestemming`,
'sfac6c47782e36896': `Gebruikte gegevens`,
'sfb5cd72ffdee7e49': `Alles weigeren`,
'sfc772e39bffc7d31': `nodig om de website te laten werken.`,
'sfd711d8589724809': `Mijn keuzes downloaden`,
'summary.few': str`U hebt ${0} van de ${1} optionele doelen aangezet.`,
'summary.many': str`U hebt ${0} van de ${1} optionele doelen aangezet.`,
'summary.one': str`U hebt ${0} van ${1} optioneel doel aangezet.`,
'summary.other': str`U hebt ${0} van de ${1} optionele doelen aangezet.`,
'summary.two': str`U hebt ${0} van de ${1} optionele doelen aangezet.`,
'summary.zero': str`U hebt ${0} van de ${1} optionele doelen aangezet.`,
    };
  