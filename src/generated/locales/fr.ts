
    // Do not modify this file by hand!
    // Re-generate this file by running lit-localize

    
    import {str} from '@lit/localize';

    /* eslint-disable no-irregular-whitespace */
    /* eslint-disable @typescript-eslint/no-explicit-any */

    export const templates = {
      's0095c6e4b08db45e': `Intérêt légitime`,
's04611870ce224465': `Vos choix sont conservés dans ce navigateur.`,
's0732eb767a637c3a': str`Nouveau depuis votre dernier choix : ${0}. Les nouveaux choix restent désactivés tant que vous ne les activez pas.`,
's091d5807b5b33550': `Activé`,
's0eb5eecd79dcc9c4': `Votre choix ne s’applique qu’à cette page : il n’a pas pu être enregistré. Nous vous le redemanderons lors de votre prochaine visite.`,
's14bac751bc97252d': `Lire la politique de confidentialité mise à jour`,
's1c7d83e8dc6b85de': `Enregistré.`,
's283d65e75a4154fb': str`Choisissez comment ${0} peut utiliser vos données.`,
's28ef86af709a96b1': `Nécessaire à l’exécution d’un contrat avec vous`,
's29e4258a1c991372': `nécessaire pour fournir le service que vous avez demandé.`,
's302cbb19bf9a174a': `Désactivé`,
's355b21b89ce5d9c5': `Détails`,
's3741f519c32ac391': `Nouveau`,
's381abd94d77446ee': `Tout accepter`,
's3a9fa3b3adde7606': `Notre politique de confidentialité a changé depuis vos derniers choix.`,
's3e82476755408fa8': `Pas encore enregistré. Nous réessayons automatiquement.`,
's530b45f34bc38105': `la loi nous y oblige.`,
's59b2add8e4e6495f': `Vos choix de confidentialité`,
's5e8250fb85d64c23': `Fermer`,
's634d771ed29b5666': `Votre avantage :`,
's6e1df6e3b595f3fe': `Durée de conservation`,
's70244822d60d116e': str`Dernier enregistrement : ${0}.`,
's73b120aabf2a8c48': `Questions :`,
's8983b5b15dcc6b45': `Ce site souhaite utiliser vos données pour quelques usages, chacun avec un avantage pour vous. Rien d’optionnel n’est activé tant que vous n’avez pas dit oui.`,
's8fe24de46f64a17f': str`Désactivé : ${0}. Ce qui est déjà en cours sur cette page s’arrêtera quand vous la quitterez ou la rechargerez.`,
's978d8809e7bfc75d': `Toujours actif :`,
'sa36af41d93422ffc': `Base légale`,
'sa4e762184e42bacb': str`: ${0}`,
'sa5a9c5f8e6e37cf4': `Destinataires`,
'sac5909872ad0f1e0': `Choisissez comment ce site peut utiliser vos données.`,
'saeb40fa1f66d2e62': str`${0} souhaite utiliser vos données pour quelques usages, chacun avec un avantage pour vous. Rien d’optionnel n’est activé tant que vous n’avez pas dit oui.`,
'sb060188bb28bfa9f': `Enregistrement…`,
'sb44b243e7c232061': str`Votre navigateur a envoyé un signal Global Privacy Control ; pour le respecter, nous avons désactivé : ${0}. Vous pouvez revenir sur ce choix à tout moment.`,
'sbea3a5ad07a3cc06': `Nous n’avons pas pu enregistrer cette modification. Elle reste appliquée dans ce navigateur. Réessayez ou contactez-nous.`,
'scd1dd6ff53d0d01a': `Réessayer`,
'sd00bf7b24721fc03': `Ces choix de confidentialité ne peuvent pas être affichés, car la configuration du site présente un problème.`,
'sd1774c4d7aa6098d': `Comment nous utilisons vos données`,
'sd24af6ce52e12f7a': `Ce navigateur ne peut pas conserver vos choix tant qu’ils ne sont pas enregistrés : si vous quittez cette page avant, ils seront perdus.`,
'sd96c9cb69fa8bc00': `Chargement de vos choix de confidentialité…`,
'sdb577f3dd64fb971': `Désactiver un choix est aussi simple que de l’activer, et vous pouvez changer d’avis à tout moment.`,
'se03f1482537e2035': `Obligation légale`,
'se700659811e2115b': `Pas encore enregistré. Nous réessaierons lors de votre prochaine visite.`,
'se73a2a54e168a016': `Vos choix de confidentialité`,
'sef4999e4b768721f': `Politique de confidentialité`,
'sf5fa72579cf6eb96': `Choisir ce que j’autorise`,
'sf7668d18350420c0': `Votre consentement`,
'sfac6c47782e36896': `Données utilisées`,
'sfb5cd72ffdee7e49': `Tout refuser`,
'sfc772e39bffc7d31': `nécessaire au fonctionnement du site.`,
'sfd711d8589724809': `Télécharger mes choix`,
'summary.few': str`Vous avez activé ${0} des ${1} usages facultatifs.`,
'summary.many': str`Vous avez activé ${0} des ${1} usages facultatifs.`,
'summary.one': str`Vous avez activé ${0} usage facultatif sur ${1}.`,
'summary.other': str`Vous avez activé ${0} des ${1} usages facultatifs.`,
'summary.two': str`Vous avez activé ${0} des ${1} usages facultatifs.`,
'summary.zero': str`Vous avez activé ${0} des ${1} usages facultatifs.`,
    };
  