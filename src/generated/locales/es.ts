
    // Do not modify this file by hand!
    // Re-generate this file by running lit-localize

    
    import {str} from '@lit/localize';

    /* eslint-disable no-irregular-whitespace */
    /* eslint-disable @typescript-eslint/no-explicit-any */

    export const templates = {
      's0095c6e4b08db45e': `Interés legítimo`,
's04611870ce224465': `Sus opciones se guardan en este navegador.`,
's0732eb767a637c3a': str`Nuevo desde la última vez que eligió sus opciones: ${0}. Las opciones nuevas siguen desactivadas hasta que usted las active.`,
's091d5807b5b33550': `Activado`,
's0eb5eecd79dcc9c4': `Tu elección se aplica solo en esta página: no se ha podido guardar. Te lo volveremos a preguntar en tu próxima visita.`,
's14bac751bc97252d': `Leer la política actualizada`,
's1c7d83e8dc6b85de': `Guardado.`,
's283d65e75a4154fb': str`Elija cómo puede usar ${0} sus datos.`,
's28ef86af709a96b1': `Necesario para la ejecución de un contrato`,
's29e4258a1c991372': `necesario para prestar el servicio que ha solicitado.`,
's302cbb19bf9a174a': `Desactivado`,
's355b21b89ce5d9c5': `Detalles`,
's3741f519c32ac391': `Nuevo`,
's381abd94d77446ee': `Aceptar todo`,
's3a9fa3b3adde7606': `Nuestra política de privacidad ha cambiado desde la última vez que eligió sus opciones.`,
's3e82476755408fa8': `Aún no se ha guardado. Seguiremos intentándolo automáticamente.`,
's530b45f34bc38105': `la ley nos obliga a ello.`,
's59b2add8e4e6495f': `Opciones de privacidad`,
's5e8250fb85d64c23': `Cerrar`,
's634d771ed29b5666': `Su beneficio:`,
's6e1df6e3b595f3fe': `Plazo de conservación`,
's70244822d60d116e': str`Guardado por última vez: ${0}.`,
's73b120aabf2a8c48': `Consultas:`,
's8983b5b15dcc6b45': `Este sitio desea usar sus datos para algunos fines, y cada uno le ofrece algo a cambio. No se activa nada opcional hasta que usted lo acepte.`,
's8fe24de46f64a17f': str`Desactivado: ${0}. Lo que ya se esté ejecutando en esta página se detendrá cuando salga de ella o la vuelva a cargar.`,
's978d8809e7bfc75d': `Siempre activado:`,
'sa36af41d93422ffc': `Base jurídica`,
'sa4e762184e42bacb': str`: ${0}`,
'sa5a9c5f8e6e37cf4': `Destinatarios`,
'sac5909872ad0f1e0': `Elija cómo puede usar este sitio sus datos.`,
'saeb40fa1f66d2e62': str`${0} desea usar sus datos para algunos fines, y cada uno le ofrece algo a cambio. No se activa nada opcional hasta que usted lo acepte.`,
'sb060188bb28bfa9f': `Guardando…`,
'sb44b243e7c232061': str`Su navegador ha enviado una señal Global Privacy Control, así que hemos desactivado lo siguiente: ${0}. Puede volver a activarlo en cualquier momento.`,
'sbea3a5ad07a3cc06': `No hemos podido guardar este cambio. Se sigue aplicando en este navegador. Vuelva a intentarlo o póngase en contacto con nosotros.`,
'scd1dd6ff53d0d01a': `Reintentar`,
'sd00bf7b24721fc03': `No se pueden mostrar estas opciones de privacidad porque hay un problema en la configuración del sitio.`,
'sd1774c4d7aa6098d': `Cómo usamos sus datos`,
'sd24af6ce52e12f7a': `Este navegador no puede conservar sus opciones hasta que se guarden: si sale de esta página antes, se perderán.`,
'sd96c9cb69fa8bc00': `Cargando sus opciones de privacidad…`,
'sdb577f3dd64fb971': `Desactivar una opción es tan fácil como activarla, y puede cambiar de opinión en cualquier momento.`,
'se03f1482537e2035': `Obligación legal`,
'se700659811e2115b': `Aún no se ha guardado. Lo volveremos a intentar en su próxima visita.`,
'se73a2a54e168a016': `Sus opciones de privacidad`,
'sef4999e4b768721f': `Política de privacidad`,
'sf5fa72579cf6eb96': `Elegir qué permitir`,
'sf7668d18350420c0': `Su consentimiento`,
'sfac6c47782e36896': `Datos utilizados`,
'sfb5cd72ffdee7e49': `Rechazar todo`,
'sfc772e39bffc7d31': `necesario para que el sitio funcione.`,
'sfd711d8589724809': `Descargar mis opciones`,
'summary.few': str`Ha activado ${0} de ${1} usos opcionales.`,
'summary.many': str`Ha activado ${0} de ${1} de usos opcionales.`,
'summary.one': str`Ha activado ${0} de ${1} uso opcional.`,
'summary.other': str`Ha activado ${0} de ${1} usos opcionales.`,
'summary.two': str`Ha activado ${0} de ${1} usos opcionales.`,
'summary.zero': str`Ha activado ${0} de ${1} usos opcionales.`,
    };
  