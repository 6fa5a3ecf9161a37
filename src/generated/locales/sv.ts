
    // Do not modify this file by hand!
    // Re-generate this file by running lit-localize

    
    import {str} from '@lit/localize';

    /* eslint-disable no-irregular-whitespace */
    /* eslint-disable @typescript-eslint/no-explicit-any */

    export const templates = {
      's0095c6e4b08db45e': `Berättigat intresse`,
's04611870ce224465': `Dina val sparas i den här webbläsaren.`,
's0732eb767a637c3a': str`Nytt sedan ditt senaste val: ${0}. Nya val är avstängda tills du slår på dem.`,
's091d5807b5b33550': `På`,
's0eb5eecd79dcc9c4': `Ditt val gäller bara på den här sidan: det gick inte att spara. Vi frågar igen vid ditt nästa besök.`,
's14bac751bc97252d': `Läs den uppdaterade policyn`,
's1c7d83e8dc6b85de': `Sparat.`,
's283d65e75a4154fb': str`Välj hur ${0} får använda dina uppgifter.`,
's28ef86af709a96b1': `Nödvändigt för att fullgöra ett avtal med dig`,
's29e4258a1c991372': `behövs för att leverera tjänsten du har bett om.`,
's302cbb19bf9a174a': `Av`,
's355b21b89ce5d9c5': `Detaljer`,
's3741f519c32ac391': `Nytt`,
's381abd94d77446ee': `Acceptera alla`,
's3a9fa3b3adde7606': `Vår integritetspolicy har ändrats sedan du senast gjorde dina val.`,
's3e82476755408fa8': `Inte sparat än. Vi fortsätter att försöka automatiskt.`,
's530b45f34bc38105': `vi är skyldiga enligt lag att göra det.`,
's59b2add8e4e6495f': `Integritetsval`,
's5e8250fb85d64c23': `Stäng`,
's634d771ed29b5666': `Din fördel:`,
's6e1df6e3b595f3fe': `Lagringstid`,
's70244822d60d116e': str`Senast sparat: ${0}.`,
's73b120aabf2a8c48': `Frågor:`,
's8983b5b15dcc6b45': `Den här webbplatsen vill gärna använda dina uppgifter till några saker som var och en ger dig något tillbaka. Inget valfritt slås på förrän du har sagt ja.`,
's8fe24de46f64a17f': str`Avstängt: ${0}. Det som redan är igång på den här sidan stoppas när du lämnar sidan eller laddar om den.`,
's978d8809e7bfc75d': `Alltid på:`,
'sa36af41d93422ffc': `Rättslig grund`,
'sa4e762184e42bacb': str`: ${0}`,
'sa5a9c5f8e6e37cf4': `Delas med`,
'sac5909872ad0f1e0': `Välj hur den här webbplatsen får använda dina uppgifter.`,
'saeb40fa1f66d2e62': str`${0} vill gärna använda dina uppgifter till några saker som var och en ger dig något tillbaka. Inget valfritt slås på förrän du har sagt ja.`,
'sb060188bb28bfa9f': `Sparar…`,
'sb44b243e7c232061': str`Din webbläsare skickade en Global Privacy Control-signal, så vi har stängt av följande: ${0}. Du kan ändra det när du vill.`,
'sbea3a5ad07a3cc06': `Vi kunde inte spara ändringen. Den gäller ändå i den här webbläsaren. Försök igen eller kontakta oss.`,
'scd1dd6ff53d0d01a': `Försök igen`,
'sd00bf7b24721fc03': `Integritetsvalen kan inte visas eftersom det är något fel i webbplatsens konfiguration.`,
'sd1774c4d7aa6098d': `Så använder vi dina uppgifter`,
'sd24af6ce52e12f7a': `Den här webbläsaren kan inte behålla dina val förrän de har sparats: om du lämnar sidan innan dess försvinner de.`,
'sd96c9cb69fa8bc00': `Läser in dina integritetsval…`,
'sdb577f3dd64fb971': `Det är lika lätt att stänga av något som att slå på det, och du kan ändra dig när som helst.`,
'se03f1482537e2035': `Krävs enligt lag`,
'se700659811e2115b': `Inte sparat än. Vi försöker igen nästa gång du besöker oss.`,
'se73a2a54e168a016': `Dina integritetsval`,
'sef4999e4b768721f': `Integritetspolicy`,
'sf5fa72579cf6eb96': `Välj vad du tillåter`,
'sf7668d18350420c0': `Ditt samtycke`,
'sfac6c47782e36896': `Uppgifter som används`,
'sfb5cd72ffdee7e49': `Avvisa alla`,
'sfc772e39bffc7d31': `behövs för att webbplatsen ska fungera.`,
'sfd711d8589724809': `Ladda ner mina val`,
'summary.few': str`Du har slagit på ${0} av ${1} valfria ändamål.`,
'summary.many': str`Du har slagit på ${0} av ${1} valfria ändamål.`,
'summary.one': str`Du har slagit på ${0} av ${1} valfritt ändamål.`,
'summary.other': str`Du har slagit på ${0} av ${1} valfria ändamål.`,
'summary.two': str`Du har slagit på ${0} av ${1} valfria ändamål.`,
'summary.zero': str`Du har slagit på ${0} av ${1} valfria ändamål.`,
    };
  