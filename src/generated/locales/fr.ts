
    // Do not modify this file by hand!
    // Re-generate this file by running lit-localize

    
    import {str} from '@lit/localize';

    /* eslint-disable no-irregular-whitespace */
    /* eslint-disable @typescript-eslint/no-explicit-any */

    export const templates = {
      's0095c6e4b08db45e': `Intérêt légitime`,
's04611870ce224465': `Vos choix sont conservés dans ce navigateur.`,
's091d5807b5b33550': `Activé`,
's14bac751bc97252d': `Lire la politique de confidentialité mise à jour`,
's1c7d83e8dc6b85de': `Enregistré.`,
's283d65e75a4154fb': str`Choisissez comment ${0} peut utiliser vos données.`,
's28ef86af709a96b1': `Nécessaire à l'exécution d'un contrat avec vous`,
's29e4258a1c991372': `nécessaire pour fournir le service que vous avez demandé.`,
's302cbb19bf9a174a': `Désactivé`,
's355b21b89ce5d9c5': `Détails`,
's3741f519c32ac391': `Nouveau`,
's381abd94d77446ee': `Tout accepter`,
's3a9fa3b3adde7606': `Notre politique de confidentialité a changé depuis vos derniers choix.`,
's3e82476755408fa8': `Pas encore enregistré. Nous continuons d’essayer.`,
's530b45f34bc38105': `la loi nous y oblige.`,
's59b2add8e4e6495f': `Vos choix de confidentialité`,
's5e8250fb85d64c23': `Fermer`,
's634d771ed29b5666': `Votre avantage :`,
's6e1df6e3b595f3fe': `Durée de conservation`,
's70244822d60d116e': str`Dernier enregistrement : ${0}.`,
's73b120aabf2a8c48': `Questions :`,
's753a8c9bfcc26409': str`La désactivation de ${0} prendra pleinement effet lors de votre prochaine visite : ce qui a déjà démarré sur cette page continue de fonctionner jusqu'à ce que vous la quittiez.`,
's7f9e1136a3ee0216': `Impossible d’enregistrer vos choix. Ils restent appliqués dans ce navigateur.`,
's8983b5b15dcc6b45': `Ce site souhaite utiliser vos données pour quelques usages, chacun avec un avantage pour vous. Rien d’optionnel n’est activé tant que vous n’avez pas dit oui.`,
's8bf6658dc5b69e37': str`Votre navigateur a envoyé un signal Global Privacy Control, et nous l'avons respecté : les options suivantes sont donc désactivées au départ : ${0}. Vous pouvez toutefois les activer vous-même.`,
's978d8809e7bfc75d': `Toujours actif :`,
'sa36af41d93422ffc': `Base légale`,
'sa4e762184e42bacb': str` : ${0}`,
'sa5a9c5f8e6e37cf4': `Partagées avec`,
'sac5909872ad0f1e0': `Choisissez comment ce site peut utiliser vos données.`,
'saeb40fa1f66d2e62': str`${0} souhaite utiliser vos données pour quelques usages, chacun avec un avantage pour vous. Rien d’optionnel n’est activé tant que vous n’avez pas dit oui.`,
'sb060188bb28bfa9f': `Enregistrement…`,
'sb622f8d5143dbca5': str`Nouveautés depuis lors : ${0} (désactivées tant que vous ne les activez pas).`,
'scd1dd6ff53d0d01a': `Réessayer`,
'sd00bf7b24721fc03': `Ces choix de confidentialité ne peuvent pas être affichés, car la configuration du site présente un problème.`,
'sd24af6ce52e12f7a': `Ce navigateur ne peut pas conserver vos choix tant qu’ils ne sont pas enregistrés : si vous quittez cette page avant, ils seront perdus.`,
'sd96c9cb69fa8bc00': `Chargement de vos choix de confidentialité…`,
'sdb577f3dd64fb971': `Désactiver un choix est aussi simple que de l'activer, et vous pouvez changer d'avis à tout moment.`,
'se03f1482537e2035': `Obligation légale`,
'se700659811e2115b': `Pas encore enregistré. Nous réessaierons lors de votre prochaine visite.`,
'se73a2a54e168a016': `Vos choix de confidentialité`,
'sef4999e4b768721f': `Politique de confidentialité`,
'sf5fa72579cf6eb96': `Choisir ce que j’autorise`,
'sf7668d18350420c0': `Votre consentement`,
'sfac6b77782e3527f': `Utilisations des données`,
'sfac6c47782e36896': `Données utilisées`,
'sfb5cd72ffdee7e49': `Tout refuser`,
'sfc772e39bffc7d31': `nécessaire au fonctionnement du site.`,
'sfd711d8589724809': `Télécharger mes choix`,
    };
  